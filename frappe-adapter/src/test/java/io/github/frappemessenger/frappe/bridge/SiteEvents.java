package io.github.frappemessenger.frappe.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The events one site's bridges published on Redis's {@code events} channel, counted the ways the tests need. */
final class SiteEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RedisSubscriber> subscribers;
    private final String site;

    /** Everything the subscribers heard, in their order (one subscriber per Redis run, when Redis restarts). */
    SiteEvents(String site, RedisSubscriber... subscribers) {
        this.subscribers = List.of(subscribers);
        this.site = site;
    }

    List<JsonNode> all() {
        List<JsonNode> mine = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        subscribers.forEach(s -> texts.addAll(s.messages()));
        for (String text : texts) {
            try {
                JsonNode event = JSON.readTree(text);
                if (site.equals(event.path("namespace").asText())) {
                    mine.add(event);
                }
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON on the events channel: " + text, e);
            }
        }
        return mine;
    }

    /** How many {@code messenger:message_update} events announced each message (by its name). */
    Map<String, Integer> messageUpdatesByName() {
        return countBy("messenger:message_update", "/message/message/name");
    }

    /** How many {@code messenger:message_status_update} events each message had (by its name). */
    Map<String, Integer> statusUpdatesByName() {
        return countBy("messenger:message_status_update", "/message/name");
    }

    /**
     * The {@code version} of every event, by conversation ({@code conversation_update} names it inside its doc, the
     * others in {@code conversation_id}), in the order heard; -1 for an event without one.
     */
    Map<String, List<Long>> versionsByConversation() {
        Map<String, List<Long>> versions = new TreeMap<>();
        for (JsonNode event : all()) {
            JsonNode message = event.path("message");
            String conversation = message.has("conversation_id") ? message.path("conversation_id").asText()
                    : message.at("/conversation/name").asText();
            versions.computeIfAbsent(conversation, c -> new ArrayList<>()).add(message.path("version").asLong(-1));
        }
        return versions;
    }

    private Map<String, Integer> countBy(String eventName, String pointer) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode event : all()) {
            if (eventName.equals(event.path("event").asText())) {
                counts.merge(event.at(pointer).asText(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
