package io.github.frappemessenger.frappe.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The stand-in's Webhooks, sent as Frappe's background worker sends them: after the write, one POST per enabled
 * Webhook of the doc's DocType and event, the body the doc as JSON ({@code {{ doc | json }}}), signed with
 * {@code X-Frappe-Webhook-Signature} when Enable Security is on, 5 s timeout. The secret is kept here: the stored
 * Webhook doc holds asterisks, as Frappe's Password field does. Each delivery is written to the Webhook Request Log, as
 * Frappe's worker writes it. Thread-safe.
 */
final class StandInWebhooks implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stand-in-webhook-worker");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Consumer<Map<String, Object>> requestLog;

    /** {@code requestLog} stores each delivery's Webhook Request Log doc. */
    StandInWebhooks(Consumer<Map<String, Object>> requestLog) {
        this.requestLog = requestLog;
    }

    /** Takes the secret out of a Webhook doc about to be stored, leaving asterisks of its length. */
    void keepSecret(String webhookName, Map<String, Object> doc) {
        Object secret = doc.get("webhook_secret");
        if (secret != null && !String.valueOf(secret).isEmpty()) {
            secrets.put(webhookName, String.valueOf(secret));
            doc.put("webhook_secret", "*".repeat(String.valueOf(secret).length()));
        }
    }

    /** Queues the deliveries of {@code event} on {@code doc} for each matching enabled Webhook. */
    void fire(String doctype, String event, Map<String, Object> doc, List<Map<String, Object>> webhooks) {
        for (Map<String, Object> hook : webhooks) {
            if (doctype.equals(hook.get("webhook_doctype")) && event.equals(hook.get("webhook_docevent"))
                    && StandInMeta.truthy(hook.get("enabled"))) {
                String secret = StandInMeta.truthy(hook.get("enable_security"))
                        ? secrets.get(String.valueOf(hook.get("name"))) : null;
                String url = String.valueOf(hook.get("request_url"));
                String webhook = String.valueOf(hook.get("name"));
                worker.execute(() -> send(webhook, url, doc, secret));
            }
        }
    }

    private void send(String webhook, String url, Map<String, Object> doc, String secret) {
        try {
            byte[] body = json.writeValueAsBytes(doc);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (secret != null) {
                request.header(WebhookSignature.HEADER, WebhookSignature.withSecret(secret).sign(body));
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            log.add(url + " " + status);
            // Frappe's worker raises for a status of 400 and above, and the log keeps that error beside the answer.
            record(webhook, url, doc, answer.body(), status >= 400 ? status + " Client Error for url: " + url : null);
        } catch (JsonProcessingException e) {
            log.add(url + " " + e);
        } catch (IOException e) {
            log.add(url + " " + e.getClass().getSimpleName());
            record(webhook, url, doc, null, e.getClass().getName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String webhook, String url, Map<String, Object> doc, String response, String error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("webhook", webhook);
        entry.put("reference_doctype", doc.get("doctype"));
        entry.put("reference_document", doc.get("name"));
        entry.put("url", url);
        entry.put("response", response);
        entry.put("error", error);
        requestLog.accept(entry);
    }

    /** Each delivery so far: {@code "<url> <status>"}. */
    List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
