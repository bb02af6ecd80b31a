package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.model.MessengerConversation;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Reads the conversations that changed while the socket was down, so the inbox can catch up on events it missed
 * (e.g. Messenger Conversation docs whose {@code modified} is at or after {@code since}). Called from the client's
 * recovery thread after a reconnect; may block on I/O and may throw (the client logs and retries).
 */
@FunctionalInterface
public interface ConversationResync {

    /**
     * @param since when the client last heard from the server before the drop, in the site's time zone (a Frappe
     *              date-time has no offset); a little early is harmless, since upserting a conversation twice
     *              changes nothing
     */
    List<MessengerConversation> conversationsChangedSince(LocalDateTime since);
}
