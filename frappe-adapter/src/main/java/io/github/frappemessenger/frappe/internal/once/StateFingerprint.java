package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.internal.Sha256;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The content of a message state that its events carry, as one SHA-256: the messenger's own fields only (not
 * {@code modified}, {@code modified_by}, nor what differs between a webhook's doc and a REST list row, such as
 * {@code doctype} or {@code _user_tags}). When the bridge writes the conversation link back, Frappe saves the
 * message again: the new state has a new {@code modified} but this same fingerprint, so it is not announced again.
 * Stateless and thread-safe.
 */
public final class StateFingerprint {
    private static final Set<String> CONTENT = Set.of("name", "message_id", "message", "sender_id", "sender_user",
            "timestamp", "message_direction", "conversation", "is_read", "content_type", "attach", "status",
            "platform");

    private StateFingerprint() {
    }

    public static String of(MessengerMessage message) {
        Map<String, Object> content = new TreeMap<>();
        message.toDoc().forEach((field, value) -> {
            if (CONTENT.contains(field)) {
                content.put(field, value);
            }
        });
        return Sha256.hex(content.toString());
    }
}
