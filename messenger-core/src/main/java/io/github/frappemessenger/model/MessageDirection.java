package io.github.frappemessenger.model;

import java.util.Optional;

/** The {@code message_direction} of a Messenger Message, spelled as Frappe stores it. */
public enum MessageDirection {
    INCOMING("Incoming"),
    OUTGOING("Outgoing");

    private final String wireName;

    MessageDirection(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The direction named by Frappe's spelling, or empty for anything else (including null). */
    public static Optional<MessageDirection> fromWireName(String name) {
        for (MessageDirection d : values()) {
            if (d.wireName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
