package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.model.MessengerMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The message states whose events this bridge has already emitted, by message name. When the bridge writes the
 * {@code conversation} link back to a message, Frappe saves it and calls {@code on_update} again with a new
 * {@code modified} but nothing else changed; that call must not emit the same events a second time. A state is the
 * doc without the fields every save changes ({@code modified}, {@code modified_by}), fingerprinted with SHA-256.
 *
 * <p>Bounded (least recently used forgotten first); one process only, so a write-back whose webhook reaches another
 * bridge process may still emit twice (the inbox keeps each message once). Thread-safe.
 */
final class EmittedStates {
    private static final Set<String> SAVE_FIELDS = Set.of("modified", "modified_by");

    private final Map<String, String> fingerprintByName;

    EmittedStates(int capacity) {
        this.fingerprintByName = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The state of a message, computed once per delivery (outside the lock) and handed to the two checks below. */
    static String fingerprint(MessengerMessage message) {
        Map<String, Object> state = new TreeMap<>(message.toDoc());
        state.keySet().removeAll(SAVE_FIELDS);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    synchronized boolean alreadyEmitted(String messageName, String fingerprint) {
        return fingerprint.equals(fingerprintByName.get(messageName));
    }

    synchronized void emitted(String messageName, String fingerprint) {
        fingerprintByName.put(messageName, fingerprint);
    }
}
