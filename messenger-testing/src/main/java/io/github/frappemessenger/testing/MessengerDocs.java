package io.github.frappemessenger.testing;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Messenger Message and Messenger Conversation docs with Frappe CRM's field names, as {@code {{ doc | json }}} and
 * the REST API render them. Every field has a plain default (an incoming text message from {@code PSID-1} on
 * Messenger, not yet read, not yet in a conversation); set what the test is about:
 * <pre>{@code
 * Map<String, Object> doc = MessengerDocs.message("MSG-1").from("PSID-7").text("Is it still available?").build();
 * }</pre>
 * A builder is not thread-safe; each {@link #build()} returns a new mutable map.
 */
public final class MessengerDocs {
    public static final String DEFAULT_TIME = "2026-11-20 10:00:00";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private final Map<String, Object> doc = new LinkedHashMap<>();

    private MessengerDocs(Map<String, Object> defaults) {
        doc.putAll(defaults);
    }

    /** An incoming Messenger Message named {@code name}. */
    public static MessengerDocs message(String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", Objects.requireNonNull(name, "name"));
        d.put("message_id", "mid-" + name);
        d.put("message", "hello from " + name);
        d.put("sender_id", "PSID-1");
        d.put("sender_user", null);
        d.put("timestamp", DEFAULT_TIME);
        d.put("message_direction", "Incoming");
        d.put("conversation", null);
        d.put("is_read", 0);
        d.put("content_type", "text");
        d.put("attach", null);
        d.put("status", "received");
        d.put("platform", "Messenger");
        d.put("doctype", FrappeStandIn.MESSAGE);
        return new MessengerDocs(d);
    }

    /** A Messenger Conversation named {@code name}, open, not blocked, without a last message yet. */
    public static MessengerDocs conversation(String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("sender_id", "PSID-1");
        d.put("platform", "Messenger");
        d.put("last_message", null);
        d.put("last_message_time", null);
        d.put("block_chat", 0);
        d.put("status", "Open");
        d.put("doctype", FrappeStandIn.CONVERSATION);
        return new MessengerDocs(d);
    }

    /** The sender's page-scoped id ({@code sender_id}). */
    public MessengerDocs from(String senderId) {
        return set("sender_id", senderId);
    }

    public MessengerDocs text(String message) {
        return set("message", message);
    }

    /** The message's {@code timestamp}, Frappe's {@code yyyy-MM-dd HH:mm:ss[.SSSSSS]}. */
    public MessengerDocs at(String timestamp) {
        return set("timestamp", timestamp);
    }

    /** An agent's reply: Outgoing, read, sent, by {@code user}. */
    public MessengerDocs outgoing(String user) {
        return set("message_direction", "Outgoing").set("is_read", 1).set("status", "sent").set("sender_user", user);
    }

    public MessengerDocs read() {
        return set("is_read", 1);
    }

    public MessengerDocs in(String conversation) {
        return set("conversation", conversation);
    }

    public MessengerDocs platform(String platform) {
        return set("platform", platform);
    }

    /** A conversation's last message and its time. */
    public MessengerDocs lastMessage(String text, String time) {
        return set("last_message", text).set("last_message_time", time);
    }

    /**
     * The fields Frappe adds to a saved doc ({@code owner}, {@code creation}, {@code modified} = {@code stamp},
     * {@code modified_by}, {@code docstatus}, {@code idx}) right after {@code name}, in the order a webhook body
     * carries them.
     */
    public MessengerDocs saved(String stamp) {
        Map<String, Object> rest = new LinkedHashMap<>(doc);
        doc.clear();
        doc.put("name", rest.remove("name"));
        doc.put("owner", "Administrator");
        doc.put("creation", stamp);
        doc.put("modified", stamp);
        doc.put("modified_by", "Administrator");
        doc.put("docstatus", 0);
        doc.put("idx", 0);
        rest.keySet().removeAll(doc.keySet());
        doc.putAll(rest);
        return this;
    }

    /** Any field, by its Frappe name; {@code null} is a value (JSON null). */
    public MessengerDocs set(String field, Object value) {
        doc.put(Objects.requireNonNull(field, "field"), value);
        return this;
    }

    /** Leaves a field out, as a partial save or an older site would. */
    public MessengerDocs without(String field) {
        doc.remove(field);
        return this;
    }

    /** A time as Frappe writes a Datetime: {@code 2026-11-20 10:00:00}, with {@code .123456} when it has a fraction. */
    public static String stamp(LocalDateTime time) {
        return (time.getNano() == 0 ? SECONDS : MICROS).format(time);
    }

    public Map<String, Object> build() {
        return new LinkedHashMap<>(doc);
    }
}
