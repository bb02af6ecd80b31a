package io.github.frappemessenger.model;

import io.github.frappemessenger.internal.NewerOrEqual;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Messenger Conversation doc: one per ({@code platform}, {@code sender_id}). {@code lastMessage} and
 * {@code lastMessageTime} follow the newest message by its timestamp. Unmodelled fields are kept in {@code extra}.
 * A doc may lack any field, so the text and time components may be null; a stored conversation has its
 * {@code name}, {@code senderId} and {@code platform}, and {@code lastMessage} stays null until its first message.
 */
public record MessengerConversation(
        @Nullable String name,
        @Nullable String senderId,
        @Nullable String platform,
        @Nullable String lastMessage,
        @Nullable LocalDateTime lastMessageTime,
        boolean blockChat,
        @Nullable String status,
        Map<String, Object> extra) {

    public static final String DOCTYPE = "Messenger Conversation";

    private static final Set<String> KNOWN = Set.of("name", "sender_id", "platform", "last_message",
            "last_message_time", "block_chat", "status");

    public MessengerConversation {
        extra = DocFields.frozenCopy(extra);
    }

    /** A new conversation with nothing in it yet. */
    public static MessengerConversation start(String name, String platform, String senderId) {
        return new MessengerConversation(name, senderId, platform, null, null, false, "Open", Map.of());
    }

    public static MessengerConversation fromDoc(Map<String, ?> doc) {
        DocFields f = new DocFields(doc, DOCTYPE);
        return new MessengerConversation(f.string("name"), f.string("sender_id"), f.string("platform"),
                f.string("last_message"), f.dateTime("last_message_time"), f.check("block_chat"),
                f.string("status"), f.extras(KNOWN));
    }

    public Map<String, Object> toDoc() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("sender_id", senderId);
        doc.put("platform", platform);
        doc.put("last_message", lastMessage);
        doc.put("last_message_time", DocFields.date(lastMessageTime));
        doc.put("block_chat", DocFields.check(blockChat));
        doc.put("status", status);
        doc.putAll(extra);
        return doc;
    }

    /**
     * Whether a message at {@code time} is at least as new as the current last message, so that it should
     * become the last message. A late, older message never moves the conversation backwards.
     */
    public boolean acceptsAsLastMessage(LocalDateTime time) {
        return NewerOrEqual.wins(time, lastMessageTime);
    }

    public MessengerConversation withLastMessage(String message, LocalDateTime time) {
        return new MessengerConversation(name, senderId, platform, message, time, blockChat, status, extra);
    }

    /** This conversation with the given doc fields laid over it (how an update of a saved doc merges). */
    public MessengerConversation mergedWith(Map<String, ?> changes) {
        Map<String, Object> doc = toDoc();
        doc.putAll(changes);
        return fromDoc(doc);
    }
}
