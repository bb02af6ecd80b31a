package io.github.frappemessenger.serve;

import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.List;

/** What the API reads besides the messenger's own ports: every conversation, and a conversation's messages. */
interface InboxQueries {

    List<MessengerConversation> conversations();

    /** The messages of that conversation, oldest first (by timestamp, then name). */
    List<MessengerMessage> messages(String conversationName);
}
