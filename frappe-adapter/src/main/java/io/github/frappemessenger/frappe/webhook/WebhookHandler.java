package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a Frappe site's webhooks, independent of any HTTP server:
 * <ul>
 *   <li>{@code POST /webhooks/frappe/<doc event>} (e.g. {@code after_insert}, {@code on_update}): the doc as the
 *   Webhook's JSON template {@code {{ doc | json }}} renders it, with or without Content-Type; dispatched through
 *   the {@link DocEvents} registry;</li>
 *   <li>{@code GET /health}: the {@link HealthCheck}'s backends, 200 when all are up, 503 otherwise.</li>
 * </ul>
 * Statuses: 200 processed ({@code "duplicate": true} for a repeat of a document state already processed), 202 a
 * DocType or event without handlers ({@code "ignored": true}) or, with {@link Builder#durable}, a delivery saved to
 * the journal and finished after the answer ({@code "accepted": true}), 400 not a doc or a badly typed field, 401 a missing or
 * wrong signature (only with a secret), 404 unknown route or doc event, 405 wrong method, 409 the same delivery is
 * being processed, 413 body over the limit, 422 refused by validate, 503 the site or a backend is unavailable (Frappe
 * retries). Every error body is {@code {"error": "..."}}; no body ever holds a secret or a header value.
 *
 * <p>Immutable once built and thread-safe; {@link #handle} may be called from many threads at once.
 */
public final class WebhookHandler {
    /** Where webhooks are posted; the doc event's name follows. */
    public static final String WEBHOOK_PREFIX = "/webhooks/frappe/";
    public static final String HEALTH_PATH = "/health";
    /** 1 MiB: far above any Messenger Message doc. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final int DEFAULT_RECENT_DELIVERIES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);
    /**
     * The doc events a Frappe Webhook can name (docs/protocol.md §4). A webhook fires after the write, so there is
     * no validate or before_* webhook: a route for one of those is as unknown as a misspelt one.
     */
    static final Set<DocEvent> WEBHOOK_EVENTS = Collections.unmodifiableSet(EnumSet.of(DocEvent.AFTER_INSERT,
            DocEvent.ON_UPDATE, DocEvent.ON_SUBMIT, DocEvent.ON_CANCEL, DocEvent.ON_TRASH,
            DocEvent.ON_UPDATE_AFTER_SUBMIT, DocEvent.ON_CHANGE));
    private static final String KNOWN_EVENTS = WEBHOOK_EVENTS.stream().map(DocEvent::hookName)
            .collect(Collectors.joining(", "));

    private final int maxBodyBytes;
    private final HealthCheck healthCheck;
    private final WebhookJson json = new WebhookJson();
    private final DocEventDelivery delivery;

    private WebhookHandler(Builder b) {
        Objects.requireNonNull(b.docEvents, "docEvents: the registry of the doc events to handle");
        this.maxBodyBytes = b.maxBodyBytes;
        this.healthCheck = b.healthCheck;
        WebhookSignature signature = b.secret == null ? null : WebhookSignature.withSecret(b.secret);
        this.delivery = new DocEventDelivery(b.docEvents, signature, b.maxBodyBytes,
                new RecentDeliveries(b.recentDeliveries), json, b.durable);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The largest body accepted; a server needs to read at most one byte more to tell that a body is too large. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Answers one request. Never throws for a bad request or a failing handler: both become a status. */
    public WebhookResponse handle(WebhookRequest request) {
        return handle(request, System.nanoTime());
    }

    /**
     * Answers one request that arrived at {@code arrivedNanos} (a {@link System#nanoTime()} reading): with
     * {@link Builder#durable} the time budget for the answer counts from then, so time spent waiting for a worker
     * thread is not given twice.
     */
    public WebhookResponse handle(WebhookRequest request, long arrivedNanos) {
        return handleAsync(request, arrivedNanos).join();
    }

    /**
     * As {@link #handle(WebhookRequest, long)}, answered by a future so that a server need not hold a thread while a
     * journaled delivery's work goes on ({@link DurableDeliveries}); every other answer is complete on return.
     */
    CompletableFuture<WebhookResponse> handleAsync(WebhookRequest request, long arrivedNanos) {
        Objects.requireNonNull(request, "request");
        String path = normalise(request.path());
        String method = request.method().toUpperCase(Locale.ROOT);
        if (path.equals(HEALTH_PATH)) {
            return done(method.equals("GET") ? health() : methodNotAllowed(method, path, "GET"));
        }
        if (!path.startsWith(WEBHOOK_PREFIX)) {
            return done(json.error(404, "no route " + path + "; webhooks go to POST " + WEBHOOK_PREFIX
                    + "<doc event>, health checks to GET " + HEALTH_PATH));
        }
        String eventName = path.substring(WEBHOOK_PREFIX.length());
        Optional<DocEvent> event = DocEvent.fromHookName(eventName).filter(WEBHOOK_EVENTS::contains);
        if (event.isEmpty()) {
            return done(json.error(404, "unknown doc event '" + eventName + "'; expected one of " + KNOWN_EVENTS));
        }
        if (!method.equals("POST")) {
            return done(methodNotAllowed(method, path, "POST"));
        }
        return delivery.deliverAsync(event.get(), request, arrivedNanos);
    }

    private static CompletableFuture<WebhookResponse> done(WebhookResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private WebhookResponse health() {
        Map<String, Boolean> results;
        Map<String, Object> details;
        try {
            results = healthCheck.check();
            details = healthCheck.details();
        } catch (RuntimeException e) {
            log.error("the health check failed", e);
            return json.response(503, Map.of("status", "down", "error", "the health check failed"));
        }
        Map<String, String> checks = new LinkedHashMap<>();
        results.forEach((name, up) -> checks.put(name, Boolean.TRUE.equals(up) ? "up" : "down"));
        boolean allUp = !checks.containsValue("down");
        if (!allUp) {
            log.warn("health check: {}", checks);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "ok" : "down");
        body.put("checks", checks);
        details.forEach(body::putIfAbsent);
        return json.response(allUp ? 200 : 503, body);
    }

    private WebhookResponse methodNotAllowed(String method, String path, String allowed) {
        return json.error(405, "method " + method + " is not allowed on " + path + "; Allow: " + allowed,
                Map.of("Allow", allowed));
    }

    /** Frappe's request URL may carry a trailing slash; the route is the same. */
    private static String normalise(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Configures a handler; only {@link #docEvents} is required. Not thread-safe: build once, share the handler. */
    public static final class Builder {
        private DocEvents docEvents;
        private String secret;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private HealthCheck healthCheck = HealthCheck.none();
        private int recentDeliveries = DEFAULT_RECENT_DELIVERIES;
        private DurableDeliveries durable;

        private Builder() {
        }

        /**
         * Journals each verified delivery before working on it and answers within a time budget (202 when the work
         * goes on after the answer): see {@link DurableDeliveries}. Without it, deliveries are processed while the
         * request waits, and nothing survives a crash.
         */
        public Builder durable(DurableDeliveries durable) {
            this.durable = Objects.requireNonNull(durable, "durable");
            return this;
        }

        /** The doc events to dispatch, e.g. {@link MessengerWebhookHooks#docEvents}. */
        public Builder docEvents(DocEvents docEvents) {
            this.docEvents = Objects.requireNonNull(docEvents, "docEvents");
            return this;
        }

        /**
         * The Webhook docs' secret: every delivery must then carry a valid {@value WebhookSignature#HEADER}. Without
         * one, deliveries are not checked (run the bridge only where nothing else can reach it).
         */
        public Builder secret(String secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.isBlank()) {
                throw new IllegalArgumentException("the webhook secret is blank");
            }
            this.secret = secret;
            return this;
        }

        /** The largest accepted body; larger ones get 413. Default 1 MiB. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 and 2^31-2, got " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder healthCheck(HealthCheck healthCheck) {
            this.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
            return this;
        }

        /** How many processed deliveries are remembered to spot Frappe's retries. Default 10,000. */
        public Builder recentDeliveries(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("recentDeliveries must be at least 1, got " + capacity);
            }
            this.recentDeliveries = capacity;
            return this;
        }

        public WebhookHandler build() {
            return new WebhookHandler(this);
        }
    }
}
