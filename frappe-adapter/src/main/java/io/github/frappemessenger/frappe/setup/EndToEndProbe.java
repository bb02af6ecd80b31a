package io.github.frappemessenger.frappe.setup;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.frappemessenger.frappe.internal.setup.MessengerSchema;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.ListQuery;
import io.github.frappemessenger.internal.FrappeDates;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a test Messenger Message over REST (an incoming text from a sender no one else uses) and watches Frappe's
 * Redis channel for the messenger events that should follow: the site's Webhook, the bridge, the emitter, end to
 * end. Counts them, so that the site's own Python hooks running beside the bridge show as events arriving twice; a
 * conversation already set in the insert's answer means the site's own validate ran. Removes the message and its
 * conversation afterwards.
 */
final class EndToEndProbe {
    static final String PREFIX = "doctor-probe-";
    private final FrappeClient frappe;
    private final RedisEvents events;
    private final String site;
    private final String platform;
    private final Duration timeout;
    private final Duration grace;

    EndToEndProbe(FrappeClient frappe, RedisEvents events, String site, String platform, Duration timeout,
                  Duration grace) {
        this.frappe = frappe;
        this.events = events;
        this.site = site;
        this.platform = platform;
        this.timeout = timeout;
        this.grace = grace;
    }

    /** {@code socket}, when connected, must hear the probe's message_update too; null skips that check. */
    List<Check> run(RealtimeWatch socket) throws InterruptedException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String sender = PREFIX + HexFormat.of().formatHex(random);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("message_direction", "Incoming");
        doc.put("sender_id", sender);
        doc.put("platform", platform);
        doc.put("content_type", "text");
        doc.put("message", "messenger doctor probe (removed when the check ends)");
        doc.put("timestamp", FrappeDates.format(LocalDateTime.now().withNano(0)));
        Map<String, Object> inserted;
        try {
            inserted = frappe.insert(MessengerSchema.MESSAGE, doc);
        } catch (FrappeException e) {
            return List.of(Check.failed("probe", "could not save a test message: " + Failures.describe(e,
                    "create Messenger Message")));
        }
        String name = String.valueOf(inserted.get("name"));
        boolean linkedBySite = inserted.get("conversation") != null && !String.valueOf(inserted.get("conversation"))
                .isBlank();
        long start = System.nanoTime();
        try {
            List<JsonNode> ours = await(name, sender);
            List<Check> checks = judge(name, ours, linkedBySite, Duration.ofNanos(System.nanoTime() - start));
            if (socket != null && count(ours, "messenger:message_update") > 0) {
                checks.add(socket.heard(name) > 0
                        ? Check.ready("realtime delivery", "the socket heard the probe's messenger:message_update")
                        : Check.warning("realtime delivery", "the probe's events reached Redis but not the API user's"
                        + " socket: with MESSENGER_ROOMS=assigned that is expected (it is not an assignee); else the"
                        + " realtime server does not read this Redis (REDIS_URL must be the site's redis_queue)"));
            }
            return checks;
        } finally {
            cleanUp(name, sender);
        }
    }

    private List<JsonNode> await(String name, String sender) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietUntil = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, quietUntil)) {
            if (quietUntil == Long.MAX_VALUE && count(ours(name, sender), "messenger:message_update") > 0) {
                quietUntil = System.nanoTime() + grace.toNanos(); // wait a little for a second copy
            }
            Thread.sleep(50);
        }
        return ours(name, sender);
    }

    private List<JsonNode> ours(String name, String sender) {
        List<JsonNode> ours = new ArrayList<>();
        for (JsonNode e : events.events()) {
            JsonNode m = e.path("message");
            // By the probe's sender id, which nobody else uses: a doc name alone may be another site's.
            if (sender.equals(m.path("message").path("sender_id").asText(null))
                    || sender.equals(m.path("conversation").path("sender_id").asText(null))
                    || (name.equals(m.path("name").asText(null)) && site.equals(e.path("namespace").asText()))
                    || (e.path("event").asText().equals("messenger:unread_update") && isOurs(e, sender))) {
                ours.add(e);
            }
        }
        return ours;
    }

    /** An unread_update names only the conversation: ours once a conversation_update of ours named it, there. */
    private boolean isOurs(JsonNode unread, String sender) {
        String conversation = unread.path("message").path("conversation_id").asText("");
        String namespace = unread.path("namespace").asText("");
        return events.events().stream().anyMatch(e -> namespace.equals(e.path("namespace").asText())
                && sender.equals(e.path("message").path("conversation").path("sender_id").asText(null))
                && conversation.equals(e.path("message").path("conversation").path("name").asText(null)));
    }

    private List<Check> judge(String name, List<JsonNode> ours, boolean linkedBySite, Duration took) {
        List<Check> checks = new ArrayList<>();
        int updates = count(ours, "messenger:message_update");
        if (ours.isEmpty()) {
            checks.add(Check.notReady("probe", "no messenger event for test message " + name + " within "
                    + timeout.toSeconds() + " s: are the site's background workers running (they send Webhooks)?"
                    + requestLog(name)));
        } else if (updates == 0) {
            checks.add(Check.notReady("probe", "events for " + name + " came (" + names(ours) + ") but no"
                    + " messenger:message_update: is Messenger Settings' Enabled ticked?"));
        } else {
            checks.add(Check.ready("probe", "test message " + name + " saved over REST came back on Redis as "
                    + names(ours) + " within " + took.toMillis() + " ms"));
        }
        List<String> namespaces = ours.stream().map(e -> e.path("namespace").asText("")).distinct().toList();
        if (!ours.isEmpty() && !namespaces.equals(List.of(site))) {
            checks.add(Check.notReady("namespace", "events went to namespace " + namespaces + ", the site is " + site
                    + ": set the bridge's FRAPPE_SITE to the site name"));
        }
        if (linkedBySite || updates > 1) {
            checks.add(Check.notReady("double emission", (updates > 1 ? "messenger:message_update arrived " + updates
                    + " times" : "the site set the message's conversation itself before any Webhook")
                    + ": the site's own messenger hooks (a CRM fork's crm.api.messenger) still run beside the bridge;"
                    + " turn them off (docs/frappe-site.md)"));
        } else if (!ours.isEmpty()) {
            checks.add(Check.ready("double emission", "each event once; the conversation was set by the bridge"));
        }
        return checks;
    }

    private String requestLog(String name) {
        try {
            List<Map<String, Object>> rows = frappe.getList(ListQuery.builder("Webhook Request Log")
                    .fields("url", "error", "response").where("reference_document", "=", name).limitPageLength(3)
                    .build());
            if (rows.isEmpty()) {
                return " The Webhook Request Log has no entry for it (no worker ran the Webhooks?).";
            }
            String said = rows.toString();
            return " The Webhook Request Log says: " + (said.length() > 400 ? said.substring(0, 400) + "..." : said)
                    + (said.contains("401") ? " (401: the Webhooks' secret is not the bridge's WEBHOOK_SECRET)" : "");
        } catch (FrappeException e) {
            return "";
        }
    }

    private void cleanUp(String name, String sender) {
        try {
            frappe.delete(MessengerSchema.MESSAGE, name);
            for (Map<String, Object> c : frappe.getList(ListQuery.builder(MessengerSchema.CONVERSATION)
                    .fields("name").where("sender_id", "=", sender).limitPageLength(0).build())) {
                frappe.delete(MessengerSchema.CONVERSATION, String.valueOf(c.get("name")));
            }
        } catch (FrappeException e) {
            // best effort: the names say what they are
        }
    }

    private static int count(List<JsonNode> events, String event) {
        return (int) events.stream().filter(e -> event.equals(e.path("event").asText())).count();
    }

    private static String names(List<JsonNode> events) {
        return String.join(", ", events.stream().map(e -> e.path("event").asText()).toList());
    }
}
