package io.github.frappemessenger.frappe.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.frappe.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A site for the bridge's fault tests: the Frappe stand-in holding new Messenger Messages (no conversation yet), the
 * webhooks Frappe sends for each (after_insert, then on_update with the same doc), and the checks every fault test
 * ends with: each message linked, one conversation per sender, each message announced exactly once.
 */
final class FaultSite implements AutoCloseable {
    static final String SECRET = "fault-test-secret";
    static final String MESSAGE = "Messenger Message";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answered webhook: status and how long it took. */
    record Answer(String event, String name, int status, long millis, String body) {
    }

    final FrappeStandIn frappe = new FrappeStandIn();
    final String site = "fault-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final WebhookSignature signature = WebhookSignature.withSecret(SECRET);
    private final List<Map<String, Object>> messages = new ArrayList<>();

    /** The bridge's environment for this site. */
    Map<String, String> env(String redisUrl, Path journalDir) {
        Map<String, String> env = new HashMap<>();
        env.put("FRAPPE_URL", frappe.client().baseUrl().toString());
        env.put("FRAPPE_API_KEY", "bridge-key");
        env.put("FRAPPE_API_SECRET", "bridge-secret");
        env.put("FRAPPE_SITE", site);
        env.put("REDIS_URL", redisUrl);
        env.put("WEBHOOK_SECRET", SECRET);
        env.put("BRIDGE_PORT", "0");
        env.put("BRIDGE_JOURNAL_DIR", journalDir.toString());
        return env;
    }

    /** Stores {@code count} new messages from {@code senders} senders, as Frappe's insert leaves them. */
    void newMessages(int count, int senders) {
        for (int i = 0; i < count; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            String name = String.format("MSG-%04d", i);
            doc.put("doctype", MESSAGE);
            doc.put("name", name);
            doc.put("creation", String.format("2026-11-20 10:%02d:%02d.000000", i / 60, i % 60));
            doc.put("modified", doc.get("creation"));
            doc.put("message_id", "mid." + name);
            doc.put("message", "hello " + i);
            doc.put("sender_id", "psid-" + (i % senders));
            doc.put("platform", "Facebook");
            doc.put("message_direction", "Incoming");
            doc.put("timestamp", String.format("2026-11-20 10:%02d:%02d", i / 60, i % 60));
            doc.put("conversation", null);
            doc.put("is_read", 0);
            doc.put("content_type", "text");
            doc.put("status", "received");
            frappe.seed(MESSAGE, doc);
            messages.add(doc);
        }
    }

    /**
     * Sends every message's after_insert then on_update, {@code parallel} messages at a time, after one webhook for
     * a DocType the bridge ignores (so that a cold JVM's class loading is not counted in the answer times).
     */
    List<Answer> deliverAll(int port, int parallel) throws Exception {
        Map<String, Object> note = Map.of("doctype", "Note", "name", "warm-up", "modified", "2026-11-20 09:00:00");
        assertThat(post(port, "on_update", note).status()).isEqualTo(202);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<List<Answer>>> sent = new ArrayList<>();
            for (Map<String, Object> doc : messages) {
                sent.add(pool.submit(() -> List.of(post(port, "after_insert", doc), post(port, "on_update", doc))));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<List<Answer>> f : sent) {
                answers.addAll(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private Answer post(int port, String event, Map<String, Object> doc) throws Exception {
        byte[] body = JSON.writeValueAsBytes(doc);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/frappe/"
                        + event)).timeout(Duration.ofSeconds(30))
                .header(WebhookSignature.HEADER, signature.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(event, (String) doc.get("name"), response.statusCode(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), response.body());
    }

    /** Every webhook was answered 2xx (a promise) within Frappe's budget. */
    static void assertAllAcceptedInTime(List<Answer> answers) {
        for (Answer a : answers) {
            assertThat(a.status() == 200 || a.status() == 202).as(a.toString()).isTrue();
            assertThat(a.millis() < 4_000).as("answered after " + a.millis() + " ms: " + a).isTrue();
        }
    }

    /** Whether every message is linked and announced (for awaiting). */
    boolean settled(RedisSubscriber events) throws Exception {
        return frappe.all(MESSAGE).stream().allMatch(m -> m.get("conversation") != null)
                && announced(events).keySet().containsAll(names());
    }

    /** The site's final state: every message linked, one conversation per sender, each announced exactly once. */
    void assertFinalState(RedisSubscriber events) throws Exception {
        List<Map<String, Object>> stored = frappe.all(MESSAGE);
        for (Map<String, Object> m : stored) {
            assertThat(m.get("conversation") != null).as("message without its conversation: " + m.get("name")).isTrue();
        }
        Map<Object, Long> perSender = frappe.all("Messenger Conversation").stream()
                .collect(Collectors.groupingBy(c -> c.get("sender_id"), Collectors.counting()));
        perSender.forEach((sender, n) -> assertThat(n).as("conversations of " + sender).isEqualTo(1L));
        Map<String, Long> announced = announced(events);
        for (String name : names()) {
            assertThat(announced.getOrDefault(name, 0L)).as("messenger:message_update of " + name).isEqualTo(1L);
        }
    }

    private List<String> names() {
        return messages.stream().map(m -> (String) m.get("name")).toList();
    }

    /** message name → how many messenger:message_update events of this site announced it. */
    private Map<String, Long> announced(RedisSubscriber events) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (String text : events.messages()) {
            JsonNode event = JSON.readTree(text);
            if (site.equals(event.path("namespace").asText())
                    && "messenger:message_update".equals(event.path("event").asText())) {
                counts.merge(event.path("message").path("message").path("name").asText(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public void close() {
        frappe.close();
    }
}
