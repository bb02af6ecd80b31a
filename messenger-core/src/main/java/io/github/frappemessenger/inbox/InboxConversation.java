package io.github.frappemessenger.inbox;

import io.github.frappemessenger.internal.NewerOrEqual;
import io.github.frappemessenger.model.MessengerConversation;
import java.time.LocalDateTime;

/** One row of the inbox's conversation list, with its unread count. */
public record InboxConversation(String name, String senderId, String platform, String lastMessage,
                                LocalDateTime lastMessageTime, long unreadCount) {

    static InboxConversation of(MessengerConversation c, long unreadCount) {
        return new InboxConversation(c.name(), c.senderId(), c.platform(), c.lastMessage(), c.lastMessageTime(),
                unreadCount);
    }

    InboxConversation withUnreadCount(long count) {
        return new InboxConversation(name, senderId, platform, lastMessage, lastMessageTime, count);
    }

    /** A later message moves the row's preview forward; an older one leaves it. */
    InboxConversation withMessage(String message, LocalDateTime time) {
        if (!NewerOrEqual.wins(time, lastMessageTime)) {
            return this;
        }
        return new InboxConversation(name, senderId, platform, message, time, unreadCount);
    }
}
