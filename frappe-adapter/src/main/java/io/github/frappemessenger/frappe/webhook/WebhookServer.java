package io.github.frappemessenger.frappe.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link WebhookHandler} over HTTP with the JDK's built-in {@link HttpServer}: no servlet container, no
 * extra dependency. Requests run on a bounded pool ({@link Builder#threads}, {@link Builder#queueCapacity}); when the
 * pool and its queue are full the JDK server closes the new connection and Frappe retries later. A body is read up to
 * one byte over the handler's limit, so an oversized body is answered 413 without being buffered whole (the rest is
 * read and dropped, up to 16 MiB, so that the client sees the answer; beyond that the connection is closed).
 * <pre>{@code
 * WebhookServer server = WebhookServer.builder(handler).threads(8).build().start("0.0.0.0", 8000);
 * ...
 * server.close();
 * }</pre>
 * Thread-safe: start, port and close may be called from any thread; a server starts at most once.
 */
public final class WebhookServer implements AutoCloseable {
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

    private final WebhookHandler handler;
    private final int threads;
    private final int queueCapacity;
    private final Duration stopGrace;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private HttpServer server; // guarded by this
    private ThreadPoolExecutor executor; // guarded by this
    private ExchangeHandler exchanges; // guarded by this
    private boolean closed; // guarded by this

    private WebhookServer(Builder b) {
        this.handler = b.handler;
        this.threads = b.threads;
        this.queueCapacity = b.queueCapacity;
        this.stopGrace = b.stopGrace;
    }

    public static Builder builder(WebhookHandler handler) {
        return new Builder(handler);
    }

    /**
     * Listens on {@code host}:{@code port}; port 0 picks a free port (see {@link #port()}).
     *
     * @return this server
     * @throws IOException when the address cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public synchronized WebhookServer start(String host, int port) throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException("a WebhookServer starts once; create another one");
        }
        withoutNagle();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), daemonThreads(), new ThreadPoolExecutor.AbortPolicy());
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExchangeHandler exchanges = new ExchangeHandler(handler);
        http.createContext("/", exchanges);
        http.setExecutor(pool);
        http.start();
        this.server = http;
        this.executor = pool;
        this.exchanges = exchanges;
        log.info("webhook server listening on {}:{}", host, http.getAddress().getPort());
        return this;
    }

    /**
     * The JDK's HttpServer leaves Nagle's algorithm on unless {@code sun.net.httpserver.nodelay} says otherwise: a
     * response's body then waits for the client's delayed ACK of its headers, about 40 ms per request on a kept-alive
     * connection (measured with the load harness: 44 ms p50 with it, 2.5 ms without). The JDK reads the property
     * once, when its first server starts; a value the user set (e.g. {@code -Dsun.net.httpserver.nodelay=false})
     * is left alone.
     */
    private static void withoutNagle() {
        System.getProperties().putIfAbsent(NODELAY_PROPERTY, "true");
    }

    /** The port listened on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the WebhookServer is not started");
        }
        return server.getAddress().getPort();
    }

    /**
     * Lets the requests in progress finish (up to the stop grace) while answering new ones 503 (Frappe retries them),
     * then stops listening and releases the threads. Idempotent.
     */
    @Override
    public void close() {
        HttpServer http;
        ThreadPoolExecutor pool;
        ExchangeHandler inProgress;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            http = server;
            pool = executor;
            inProgress = exchanges;
        }
        if (http == null) {
            return;
        }
        try {
            // Not under this object's lock: port() stays answerable while requests finish.
            if (!inProgress.drain(stopGrace.toNanos())) {
                log.warn("webhook server closing with requests still in progress after {}", stopGrace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        pool.shutdownNow();
        log.info("webhook server stopped");
    }

    private ThreadFactory daemonThreads() {
        return runnable -> {
            Thread t = new Thread(runnable, "frappe-webhook-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a server. Not thread-safe: build once. */
    public static final class Builder {
        private final WebhookHandler handler;
        private int threads = 16;
        private int queueCapacity = 256;
        private Duration stopGrace = Duration.ofSeconds(2);

        private Builder(WebhookHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** Requests processed at once (each may wait on Frappe or Redis). Default 16. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Requests waiting for a thread before new connections are refused. Default 256. */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** How long {@link #close()} lets requests in progress finish. Default 2 s. */
        public Builder stopGrace(Duration stopGrace) {
            Objects.requireNonNull(stopGrace, "stopGrace");
            if (stopGrace.isNegative()) {
                throw new IllegalArgumentException("stopGrace is negative");
            }
            this.stopGrace = stopGrace;
            return this;
        }

        public WebhookServer build() {
            return new WebhookServer(this);
        }
    }
}
