package io.github.frappemessenger.frappe.internal.site;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A conversation's last-message move that validate asked for while {@link FrappeConversationStore#deferringLastMessage}
 * held it back, to be written with the message's link ({@link FrappeConversationStore#linkMessage}). Immutable.
 *
 * @param conversation the conversation's name
 * @param message      the preview text to become its {@code last_message}
 * @param time         the message's time, to become {@code last_message_time} if not older than the one there
 */
public record PendingLastMessage(String conversation, String message, LocalDateTime time) {
    public PendingLastMessage {
        Objects.requireNonNull(conversation, "conversation");
    }
}
