package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.MessengerException;
import io.github.frappemessenger.frappe.internal.once.MessageBusyException;
import io.github.frappemessenger.frappe.internal.webhook.UpdateFailedException;
import io.github.frappemessenger.frappe.webhook.RecentDeliveries.ClaimOutcome;
import io.github.frappemessenger.frappe.webhook.RecentDeliveries.Key;
import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one {@code POST /webhooks/frappe/<doc event>}: size, signature, doc, registry, duplicate, dispatch — in
 * that order, so that nothing is processed unless every check before it passed. Thread-safe.
 */
final class DocEventDelivery {
    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);

    private final DocEvents docEvents;
    private final WebhookSignature signature; // null: no secret configured, deliveries are not signed
    private final int maxBodyBytes;
    private final RecentDeliveries recent;
    private final WebhookJson json;
    private final DurableDeliveries durable; // null: processed while the request waits, nothing journaled

    DocEventDelivery(DocEvents docEvents, WebhookSignature signature, int maxBodyBytes, RecentDeliveries recent,
            WebhookJson json, DurableDeliveries durable) {
        this.docEvents = docEvents;
        this.signature = signature;
        this.maxBodyBytes = maxBodyBytes;
        this.recent = recent;
        this.json = json;
        this.durable = durable;
        if (durable != null) {
            durable.bind((event, body) -> route(event, body, false, 0).join()); // not arriving: done already
        }
    }

    /** A delivery that arrived at {@code arrivedNanos} ({@link System#nanoTime()}): its time budget starts then. */
    WebhookResponse deliver(DocEvent event, WebhookRequest request, long arrivedNanos) {
        return deliverAsync(event, request, arrivedNanos).join();
    }

    /**
     * As {@link #deliver}, answered by a future: with a journal, only the checks and the journal write run on the
     * calling thread; the wait for the work (up to the time budget) holds no thread.
     */
    CompletableFuture<WebhookResponse> deliverAsync(DocEvent event, WebhookRequest request, long arrivedNanos) {
        byte[] body = request.bodyBytes();
        if (body.length > maxBodyBytes) {
            return done(refused(413, "the body is over the limit of " + maxBodyBytes + " bytes"));
        }
        if (signature != null) {
            String header = request.header(WebhookSignature.HEADER).orElse(null);
            if (header == null || header.isBlank()) {
                return done(refused(401, "missing " + WebhookSignature.HEADER + " header; turn on \"Enable Security\" "
                        + "on the Webhook with the bridge's webhook secret"));
            }
            if (!signature.verify(body, header)) {
                return done(refused(401, "invalid " + WebhookSignature.HEADER
                        + ": the body was not signed with the bridge's webhook secret"));
            }
        }
        return route(event, body, true, arrivedNanos);
    }

    /**
     * The checks after the signature, then the work: journaled first when {@code arriving} and a journal is
     * configured ({@link DurableDeliveries}, which calls back here with {@code arriving} false to do the work).
     */
    private CompletableFuture<WebhookResponse> route(DocEvent event, byte[] body, boolean arriving,
            long arrivedNanos) {
        Map<String, Object> doc;
        try {
            doc = json.readDoc(body);
        } catch (WebhookJson.NotADocException e) {
            return done(refused(400, e.getMessage()));
        }
        String doctype = text(doc.get("doctype"));
        String name = text(doc.get("name"));
        if (doctype == null || name == null) {
            return done(refused(400, "the doc has no '" + (doctype == null ? "doctype" : "name")
                    + "'; the Webhook's JSON template must send the whole doc: {{ doc | json }}"));
        }
        if (!docEvents.handles(doctype) || !docEvents.handles(doctype, event)) {
            return done(json.response(202, Map.of("ignored", true, "reason",
                    "no handler for " + event.hookName() + " of DocType '" + doctype + "'")));
        }
        if (arriving && durable != null) {
            return durable.acceptAsync(event, doctype, name, body, arrivedNanos);
        }
        String modified = text(doc.get("modified"));
        Key key = modified == null ? null : new Key(doctype, name, modified, event.hookName());
        ClaimOutcome claim = key == null ? ClaimOutcome.CLAIMED : recent.claim(key);
        if (claim == ClaimOutcome.DONE) {
            log.debug("duplicate webhook {} of {} {} (modified {}) acknowledged", event.hookName(), LogSafe.of(doctype),
                    LogSafe.of(name), LogSafe.of(modified));
            return done(json.response(200, result(doctype, name, event, true)));
        }
        if (claim == ClaimOutcome.IN_PROGRESS) {
            return done(refused(409, "the same delivery (" + event.hookName() + " of " + doctype + " " + name
                    + ", modified " + modified + ") is being processed now; retry later"));
        }
        return done(dispatch(event, doctype, name, doc, key));
    }

    private WebhookResponse dispatch(DocEvent event, String doctype, String name, Map<String, Object> doc, Key key) {
        boolean succeeded = false;
        try {
            docEvents.dispatch(doctype, event, doc);
            succeeded = true;
            return json.response(200, result(doctype, name, event, false));
        } catch (DocGoneException e) {
            succeeded = true; // nothing to do, now or on a retry
            log.info("webhook {} of {} {}: the site does not have it; nothing changed", event.hookName(),
                    LogSafe.of(doctype), LogSafe.of(name));
            Map<String, Object> body = result(doctype, name, event, false);
            body.put("gone", true);
            return json.response(200, body);
        } catch (MessageBusyException e) {
            return refused(409, e.getMessage());
        } catch (MessengerValidationException e) {
            return refused(422, e.getMessage());
        } catch (MessengerException e) {
            if (!e.isTransient()) {
                return refused(400, "the doc " + doctype + " " + name + " cannot be processed: " + e.getMessage());
            }
            if (durable != null) { // the journal keeps it and retries: DeliveryWorkers logs it once per delivery
                return json.error(503, redact("could not process " + event.hookName() + " of " + doctype + " "
                        + name + " yet: " + e.getMessage()));
            }
            log.warn("webhook {} of {} {} met a transient failure; answering 503 (no journal: Frappe retries): {}",
                    event.hookName(), LogSafe.of(doctype), LogSafe.of(name),
                    LogSafe.of(redact(String.valueOf(e.getMessage()))));
            return json.error(503, redact("could not process " + event.hookName() + " of " + doctype + " " + name
                    + " yet: " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return refused(400, "the doc " + doctype + " " + name + " is not valid: " + e.getMessage());
        } catch (RuntimeException e) {
            if (durable != null) {
                if (e instanceof UpdateFailedException || OutageFailures.isOutage(e)) {
                    return json.error(503, redact("could not process " + event.hookName() + " of " + doctype + " "
                            + name + " yet: " + OutageFailures.oneLine(e)));
                }
                throw e; // the journal keeps it and retries: DeliveryWorkers logs its stack trace once per delivery
            }
            if (e instanceof UpdateFailedException || OutageFailures.isOutage(e)) {
                // Already in the log as a Messenger Update Error, or an outage: one line, no second stack trace.
                log.error("webhook {} of {} {} failed; answering 503 (no journal: Frappe retries): {}",
                        event.hookName(), LogSafe.of(doctype), LogSafe.of(name),
                        LogSafe.of(redact(OutageFailures.oneLine(e))));
            } else {
                log.error("webhook {} of {} {} failed; answering 503 (no journal: Frappe retries)", event.hookName(),
                        LogSafe.of(doctype), LogSafe.of(name), LogSafe.failure(e, this::redact));
            }
            return json.error(503, redact("could not process " + event.hookName() + " of " + doctype + " " + name
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        } finally {
            if (key != null) {
                if (succeeded) {
                    recent.succeeded(key);
                } else {
                    recent.failed(key);
                }
            }
        }
    }

    private static CompletableFuture<WebhookResponse> done(WebhookResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private WebhookResponse refused(int status, String message) {
        String safe = redact(message);
        log.warn("webhook refused with {}: {}", status, LogSafe.of(safe));
        return json.error(status, safe);
    }

    private String redact(String text) {
        return signature == null ? text : signature.redact(text);
    }

    private static Map<String, Object> result(String doctype, String name, DocEvent event, boolean duplicate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        if (duplicate) {
            body.put("duplicate", true);
        }
        body.put("doctype", doctype);
        body.put("name", name);
        body.put("event", event.hookName());
        return body;
    }

    /** A non-blank scalar as text; null for missing, null, blank, objects and arrays. */
    private static String text(Object value) {
        if (value == null || value instanceof Map || value instanceof Iterable) {
            return null;
        }
        String s = value.toString();
        return s.isBlank() ? null : s;
    }
}
