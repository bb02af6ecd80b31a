package io.github.frappemessenger.frappe.site;

import io.github.frappemessenger.ConversationNotFoundException;

/**
 * The conversation a message was about to be written to is no longer on the site (deleted or renamed in the desk).
 * Transient: the store has forgotten it, so a retry (Frappe's, after the webhook's 503) finds or creates the
 * sender's conversation afresh. Not an {@link IllegalArgumentException}: the webhook's input was fine.
 */
public final class ConversationGoneException extends ConversationNotFoundException {
    private static final long serialVersionUID = 1L;

    public ConversationGoneException(String conversationName) {
        super(conversationName);
    }
}
