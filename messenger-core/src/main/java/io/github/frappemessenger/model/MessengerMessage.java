package io.github.frappemessenger.model;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Messenger Message doc. {@code senderId} always names the outside contact, on outgoing messages too.
 * {@code messageDirection} keeps Frappe's text as received ("Incoming"/"Outgoing"); an unknown value is kept so that
 * {@code validate} can refuse it with a clear message. Fields the record does not model are kept in {@code extra}
 * (a site's custom fields, {@code doctype}, {@code modified}, ...) and written back by {@link #toDoc()}.
 *
 * <p>A doc may lack any field, so every component but {@code isRead} and {@code extra} may be null; a message as
 * saved (after validate) has its {@code name}, {@code senderId}, {@code platform}, {@code messageDirection},
 * {@code timestamp} and {@code conversation}.
 */
public record MessengerMessage(
        @Nullable String name,
        @Nullable String messageId,
        @Nullable String message,
        @Nullable String senderId,
        @Nullable String senderUser,
        @Nullable LocalDateTime timestamp,
        @Nullable String messageDirection,
        @Nullable String conversation,
        boolean isRead,
        @Nullable String contentType,
        @Nullable String attach,
        @Nullable String status,
        @Nullable String platform,
        Map<String, Object> extra) {

    public static final String DOCTYPE = "Messenger Message";

    private static final Set<String> KNOWN = Set.of("name", "message_id", "message", "sender_id", "sender_user",
            "timestamp", "message_direction", "conversation", "is_read", "content_type", "attach", "status",
            "platform");
    private static final Set<String> ATTACHMENT_TYPES = Set.of("file", "image", "video", "audio", "document");

    public MessengerMessage {
        extra = DocFields.frozenCopy(extra);
    }

    /** Reads a doc with Frappe's field names. Throws {@link IllegalArgumentException} on a wrongly typed field. */
    public static MessengerMessage fromDoc(Map<String, ?> doc) {
        DocFields f = new DocFields(doc, DOCTYPE);
        return new MessengerMessage(f.string("name"), f.string("message_id"), f.string("message"),
                f.string("sender_id"), f.string("sender_user"), f.dateTime("timestamp"),
                f.string("message_direction"), f.string("conversation"), f.check("is_read"),
                f.string("content_type"), f.string("attach"), f.string("status"), f.string("platform"),
                f.extras(KNOWN));
    }

    /** The doc as Frappe's {@code as_dict()} would give it: snake_case, dates as strings, checks as 0/1. */
    public Map<String, Object> toDoc() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("message_id", messageId);
        doc.put("message", message);
        doc.put("sender_id", senderId);
        doc.put("sender_user", senderUser);
        doc.put("timestamp", DocFields.date(timestamp));
        doc.put("message_direction", messageDirection);
        doc.put("conversation", conversation);
        doc.put("is_read", DocFields.check(isRead));
        doc.put("content_type", contentType);
        doc.put("attach", attach);
        doc.put("status", status);
        doc.put("platform", platform);
        doc.putAll(extra);
        return doc;
    }

    public Optional<MessageDirection> direction() {
        return MessageDirection.fromWireName(messageDirection);
    }

    public boolean isIncoming() {
        return direction().orElse(null) == MessageDirection.INCOMING;
    }

    public boolean isOutgoing() {
        return direction().orElse(null) == MessageDirection.OUTGOING;
    }

    /** Incoming, not yet read: what the unread count counts. */
    public boolean countsAsUnread() {
        return isIncoming() && !isRead;
    }

    /** An attachment type whose file has not arrived yet: Frappe CRM emits nothing until {@code attach} is set. */
    public boolean isAwaitingAttachment() {
        return contentType != null && ATTACHMENT_TYPES.contains(contentType.toLowerCase())
                && (attach == null || attach.isBlank());
    }

    /** What a conversation list shows for this message: its text, or the kind of attachment when it has none. */
    public String preview() {
        boolean hasText = message != null && !message.isBlank();
        if (hasText || contentType == null || contentType.isBlank() || contentType.equalsIgnoreCase("text")) {
            return message;
        }
        return "[" + contentType + "]";
    }

    public MessengerMessage withConversation(String conversationName) {
        return new MessengerMessage(name, messageId, message, senderId, senderUser, timestamp, messageDirection,
                conversationName, isRead, contentType, attach, status, platform, extra);
    }

    public MessengerMessage withTimestamp(LocalDateTime time) {
        return new MessengerMessage(name, messageId, message, senderId, senderUser, time, messageDirection,
                conversation, isRead, contentType, attach, status, platform, extra);
    }

    /** This message with the given doc fields laid over it (how an update of a saved doc merges). */
    public MessengerMessage mergedWith(Map<String, ?> changes) {
        Map<String, Object> doc = toDoc();
        doc.putAll(changes);
        return fromDoc(doc);
    }
}
