package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.internal.Builders;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link WebhookHandler} over HTTP/1.1 with Jetty 12's core server (no servlet API). Built for a port that
 * anyone on the network can reach, signature or not:
 * <ul>
 *   <li>request headers must be complete within {@link Builder#readTimeout} of a connection's opening (or of its
 *   previous answer), and a body within the same time of its headers (408); a connection silent for
 *   {@link Builder#idleTimeout} is closed;</li>
 *   <li>bodies are read as they arrive, holding no thread, against the handler's limit (413 without buffering the
 *   rest); malformed chunking is 400;</li>
 *   <li>a complete request runs on one of {@link Builder#threads} workers — with a journal, only until it is
 *   journaled: the wait for its work holds no thread —; when they and the {@link Builder#queueCapacity} queue are
 *   taken it is answered 503 (Frappe retries; logged at most once a minute); at most
 *   {@link Builder#maxConnections} connections are open, later ones wait in the accept backlog;</li>
 *   <li>responses go out with TCP_NODELAY (set per socket: no JVM-wide property).</li>
 * </ul>
 * <pre>{@code
 * WebhookServer server = WebhookServer.builder(handler).threads(16).build().start("0.0.0.0", 8000);
 * ...
 * server.close();
 * }</pre>
 * Thread-safe: start, port and close may be called from any thread; a server starts at most once.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    /**
     * Jetty's own threads (accepting, selecting, reading bodies) never run the handler: a few suffice. Their task
     * queue is Jetty's default (Jetty warns against bounding it); what bounds their work is the connection limit.
     */
    private static final int IO_THREADS = 12;

    private final WebhookHandler handler;
    private final Builder settings;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private Server server; // guarded by this
    private ServerConnector connector; // guarded by this
    private ThreadPoolExecutor workers; // guarded by this
    private ExchangeHandler exchanges; // guarded by this
    private boolean closed; // guarded by this

    private WebhookServer(Builder b) {
        this.handler = b.handler;
        this.settings = b;
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
        QueuedThreadPool io = new QueuedThreadPool(IO_THREADS, 2, 60_000, -1, null, null,
                daemonThreads("frappe-webhook-io-"));
        Server jetty = new Server(io);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(8 * 1024);
        ServerConnector listener = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        listener.setHost(host);
        listener.setPort(port);
        listener.setIdleTimeout(settings.idleTimeout.toMillis());
        listener.setAcceptedTcpNoDelay(true);
        jetty.addConnector(listener);
        jetty.addBean(new NetworkConnectionLimit(settings.maxConnections, listener));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.threads, settings.threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity), daemonThreads("frappe-webhook-"),
                new ThreadPoolExecutor.AbortPolicy());
        ReadDeadlines deadlines = new ReadDeadlines(jetty.getScheduler(), settings.readTimeout);
        listener.addBean(deadlines);
        ExchangeHandler handling = new ExchangeHandler(handler, pool, jetty.getScheduler(), deadlines,
                settings.readTimeout);
        jetty.setHandler(handling);
        try {
            jetty.start();
        } catch (Exception e) {
            pool.shutdownNow();
            stopQuietly(jetty);
            if (e instanceof IOException io2) {
                throw io2;
            }
            throw new IOException("the webhook server could not start on " + host + ":" + port + ": " + e, e);
        }
        this.server = jetty;
        this.connector = listener;
        this.workers = pool;
        this.exchanges = handling;
        log.info("webhook server listening on {}:{}", host, listener.getLocalPort());
        return this;
    }

    /** The port listened on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the WebhookServer is not started");
        }
        return connector.getLocalPort();
    }

    /**
     * Lets the requests in progress finish (up to the stop grace) while answering new ones 503 (Frappe retries them),
     * then stops listening and releases the threads. Idempotent.
     */
    @Override
    public void close() {
        Server jetty;
        ThreadPoolExecutor pool;
        ExchangeHandler inProgress;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            jetty = server;
            pool = workers;
            inProgress = exchanges;
        }
        if (jetty == null) {
            return;
        }
        try {
            // Not under this object's lock: port() stays answerable while requests finish.
            if (!inProgress.drain(settings.stopGrace.toNanos())) {
                log.warn("webhook server closing with requests still in progress after {}", settings.stopGrace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(jetty);
        pool.shutdownNow();
        log.info("webhook server stopped");
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.setStopTimeout(0);
            jetty.stop();
        } catch (Exception e) {
            log.warn("the webhook server did not stop cleanly: {}", e.toString());
        }
    }

    private ThreadFactory daemonThreads(String prefix) {
        return runnable -> {
            Thread t = new Thread(runnable, prefix + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a server. Not thread-safe: build once. */
    public static final class Builder {
        private final WebhookHandler handler;
        private int threads = 16;
        private int queueCapacity = 256;
        private int maxConnections = 4_096;
        private Duration stopGrace = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private Duration idleTimeout = Duration.ofSeconds(5);

        private Builder(WebhookHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** Requests processed at once (each may wait on Frappe or Redis). Default 16. */
        public Builder threads(int threads) {
            this.threads = atLeastOne("threads", threads);
            return this;
        }

        /** Complete requests waiting for a worker; beyond, requests are answered 503. Default 256. */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = atLeastOne("queueCapacity", queueCapacity);
            return this;
        }

        /** Connections open at once; more wait in the accept backlog. Default 4,096. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = atLeastOne("maxConnections", maxConnections);
            return this;
        }

        /** How long {@link #close()} lets requests in progress finish. Default 2 s. */
        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = notNegative("stopGrace", stopGrace);
            return this;
        }

        /** The deadline for a request's headers, and then for its body. Default 5 s. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Builders.positive(readTimeout, "readTimeout");
            return this;
        }

        /** How long a connection may stay silent (between requests, or in the middle of one). Default 5 s. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Builders.positive(idleTimeout, "idleTimeout");
            return this;
        }

        public WebhookServer build() {
            return new WebhookServer(this);
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }

        private static Duration notNegative(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " is negative");
            }
            return value;
        }
    }
}
