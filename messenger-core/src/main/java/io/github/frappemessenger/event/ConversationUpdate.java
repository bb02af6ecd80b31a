package io.github.frappemessenger.event;

import io.github.frappemessenger.model.MessengerConversation;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:conversation_update}: {"conversation": {...}, "type": "update", "version": n}. */
public record ConversationUpdate(MessengerConversation conversation, long version) implements MessengerEvent {
    public static final String NAME = "messenger:conversation_update";

    public ConversationUpdate {
        MessengerEvent.checkVersion(version);
    }

    /** Not versioned. */
    public ConversationUpdate(MessengerConversation conversation) {
        this(conversation, 0);
    }

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation", conversation.toDoc());
        p.put("type", "update");
        return MessengerEvent.versioned(p, version);
    }

    @Override
    public String conversationId() {
        return conversation.name();
    }

    @Override
    public ConversationUpdate withVersion(long version) {
        return new ConversationUpdate(conversation, version);
    }
}
