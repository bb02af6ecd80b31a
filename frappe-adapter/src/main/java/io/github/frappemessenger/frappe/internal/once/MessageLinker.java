package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.Optional;

/**
 * How {@link OncePerState} gives a message without a conversation its link: validate, then the link written back
 * to the site — in as few writes as the site allows. Implementations are thread-safe.
 */
@FunctionalInterface
public interface MessageLinker {

    /**
     * The message as validate made it, its link written to the site (or no link, when Messenger Settings are
     * disabled); empty when the site does not have the message, in which case nothing was changed.
     */
    Optional<MessengerMessage> validateAndLink(MessengerMessage message);
}
