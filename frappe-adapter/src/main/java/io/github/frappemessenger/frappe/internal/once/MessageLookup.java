package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.Optional;

/**
 * The message as the site has it now, e.g. {@code GET /api/resource/Messenger Message/<name>}; empty when the site
 * does not have it (404). Implementations are thread-safe.
 */
@FunctionalInterface
public interface MessageLookup {
    Optional<MessengerMessage> find(String name);
}
