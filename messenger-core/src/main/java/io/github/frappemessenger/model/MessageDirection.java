package io.github.frappemessenger.model;

import java.util.Optional;

/** The {@code message_direction} of a Messenger Message, spelled as Frappe stores it. */
public enum MessageDirection {
    INCOMING("Incoming"),
    OUTGOING("Outgoing");

    private static final Optional<MessageDirection> INCOMING_FOUND = Optional.of(INCOMING);
    private static final Optional<MessageDirection> OUTGOING_FOUND = Optional.of(OUTGOING);

    private final String wireName;

    MessageDirection(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The direction named by Frappe's spelling, or empty for anything else (including null). */
    public static Optional<MessageDirection> fromWireName(String name) {
        // A switch, not a loop over values(): this runs several times per message and values() copies an array.
        if (name == null) {
            return Optional.empty();
        }
        return switch (name) {
            case "Incoming" -> INCOMING_FOUND;
            case "Outgoing" -> OUTGOING_FOUND;
            default -> Optional.empty();
        };
    }
}
