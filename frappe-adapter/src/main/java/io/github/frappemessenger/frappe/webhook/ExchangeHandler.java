package io.github.frappemessenger.frappe.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.frappemessenger.logging.LogSafe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the JDK server's exchanges into {@link WebhookRequest}s and the {@link WebhookHandler}'s answers back. Counts
 * the requests in progress so that {@link #drain} can wait for them; once draining, new requests get 503 and Frappe
 * retries them. Thread-safe.
 */
final class ExchangeHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    /** Past the limit, this much more is read and dropped so that the client gets to read the 413. */
    private static final long DISCARD_LIMIT = 16L << 20;
    private static final String SHUTTING_DOWN = "{\"error\":\"the webhook bridge is shutting down; retry\"}";
    private static final String INTERNAL_ERROR = "{\"error\":\"internal error in the webhook bridge\"}";

    private final WebhookHandler handler;
    private final Object lock = new Object();
    private int inProgress; // guarded by lock
    private boolean draining; // guarded by lock

    ExchangeHandler(WebhookHandler handler) {
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) {
        boolean accepted;
        synchronized (lock) {
            accepted = !draining;
            if (accepted) {
                inProgress++;
            }
        }
        if (!accepted) {
            respondAndClose(exchange, new WebhookResponse(503, SHUTTING_DOWN), true);
            return;
        }
        try {
            answer(exchange);
        } finally {
            synchronized (lock) {
                inProgress--;
                lock.notifyAll();
            }
        }
    }

    /** Refuses new requests and waits up to {@code timeoutNanos} for those in progress; false if some remain. */
    boolean drain(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            draining = true;
            long left = timeoutNanos;
            while (inProgress > 0 && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
                left = deadline - System.nanoTime();
            }
            return inProgress == 0;
        }
    }

    private void answer(HttpExchange exchange) {
        WebhookResponse response;
        boolean bodyLeftUnread;
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(handler.maxBodyBytes() + 1);
                bodyLeftUnread = body.length > handler.maxBodyBytes() && discard(in) >= DISCARD_LIMIT;
            }
            response = handler.handle(new WebhookRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), firstValues(exchange.getRequestHeaders()), body));
        } catch (IOException e) {
            log.debug("webhook connection failed while reading the request", e);
            exchange.close();
            return;
        } catch (RuntimeException e) {
            log.error("webhook server failed on {} {}", LogSafe.of(exchange.getRequestMethod()),
                    LogSafe.of(exchange.getRequestURI().getPath()), LogSafe.failure(e));
            response = new WebhookResponse(500, INTERNAL_ERROR);
            bodyLeftUnread = false;
        }
        respondAndClose(exchange, response, bodyLeftUnread);
    }

    /** Reads and drops up to {@link #DISCARD_LIMIT} more bytes, without keeping them; returns how many. */
    private static long discard(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long dropped = 0;
        int n;
        while (dropped < DISCARD_LIMIT && (n = in.read(buffer)) != -1) {
            dropped += n;
        }
        return dropped;
    }

    private static void respondAndClose(HttpExchange exchange, WebhookResponse response, boolean closeConnection) {
        try {
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", WebhookResponse.CONTENT_TYPE);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            if (closeConnection) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            log.debug("webhook connection failed while answering {}", response.status(), e);
        } finally {
            exchange.close();
        }
    }

    private static Map<String, String> firstValues(Map<String, List<String>> headers) {
        Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null && !values.isEmpty()) {
                first.putIfAbsent(name, values.get(0));
            }
        });
        return first;
    }
}
