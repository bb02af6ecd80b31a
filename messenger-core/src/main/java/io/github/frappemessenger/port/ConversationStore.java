package io.github.frappemessenger.port;

import io.github.frappemessenger.model.MessengerConversation;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Where Messenger Conversations live. Implementations are thread-safe. */
public interface ConversationStore {

    /**
     * The conversation of this sender on this platform, created if there is none. Atomic: however many callers ask
     * at once, for one (platform, senderId) there is only ever one conversation.
     */
    MessengerConversation findOrCreate(String platform, String senderId);

    Optional<MessengerConversation> find(String platform, String senderId);

    Optional<MessengerConversation> get(String conversationName);

    /**
     * Makes {@code message} at {@code time} the conversation's last message unless the conversation already holds a
     * newer one (a late, older message never moves it backwards). Returns the conversation as it now stands.
     *
     * @throws io.github.frappemessenger.ConversationNotFoundException if there is no conversation of that name (it
     *     was deleted meanwhile; transient: a retry finds or creates the sender's conversation again)
     */
    MessengerConversation recordLastMessage(String conversationName, String message, LocalDateTime time);

    /**
     * Saves a stored conversation: {@code change} gets the stored doc and returns the doc to store, atomically per
     * conversation. Needed by {@link io.github.frappemessenger.Messenger#saveConversation}; a store behind a site
     * that saves on its own (Frappe) may leave it out.
     *
     * @throws io.github.frappemessenger.ConversationNotFoundException if there is no conversation of that name
     */
    default MessengerConversation update(String conversationName, UnaryOperator<MessengerConversation> change) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot save whole conversations");
    }
}
