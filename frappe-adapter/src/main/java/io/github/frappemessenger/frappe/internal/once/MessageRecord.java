package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What the bridge remembers of one Messenger Message: the newest state it processed ({@code modified}), the
 * fingerprint of the content it last announced, and the conversation it linked the message to. Every field may be
 * null (not known yet). Immutable.
 *
 * @param newest      {@code modified} of the newest state processed; an older or equal state is never processed again
 * @param fingerprint {@link StateFingerprint} of the content last announced
 * @param link        the conversation the message was linked to, with what it was linked for
 * @param linkInDoubt a link write failed without an answer (a timeout): the site may have taken it, so the next try
 *                    reads the message before writing again (false in records written before this field existed)
 */
public record MessageRecord(String newest, String fingerprint, Link link, boolean linkInDoubt) {
    /** Nothing known of the message. */
    public static final MessageRecord EMPTY = new MessageRecord(null, null, null, false);

    /**
     * A message's conversation, as validate chose it: reused only for a doc of the same platform and sender_id. The
     * timestamp (ISO-8601) is the one validate gave a message that had none (Frappe keeps none: only the link is
     * written).
     */
    public record Link(String conversation, String platform, String senderId, String timestamp) {
        public Link {
            Objects.requireNonNull(conversation, "conversation");
        }

        static Link of(MessengerMessage linked) {
            return new Link(linked.conversation(), linked.platform(), linked.senderId(),
                    linked.timestamp() == null ? null : linked.timestamp().toString());
        }

        boolean fits(MessengerMessage message) {
            return Objects.equals(platform, message.platform()) && Objects.equals(senderId, message.senderId());
        }

        /** The message with this conversation, and this timestamp when it has none. */
        MessengerMessage applyTo(MessengerMessage message) {
            MessengerMessage linked = message.withConversation(conversation);
            return linked.timestamp() == null && timestamp != null
                    ? linked.withTimestamp(LocalDateTime.parse(timestamp)) : linked;
        }
    }

    /** True when {@code modified} is not newer than the newest state processed (a repeat or a replay of an old one). */
    public boolean alreadyPast(String modified) {
        return modified != null && newest != null && !FrappeDates.parse(modified).isAfter(FrappeDates.parse(newest));
    }

    MessageRecord withNewest(String modified) {
        return modified == null ? this : new MessageRecord(modified, fingerprint, link, linkInDoubt);
    }

    MessageRecord withFingerprint(String fp) {
        return new MessageRecord(newest, fp, link, linkInDoubt);
    }

    MessageRecord withLink(Link l) {
        return new MessageRecord(newest, fingerprint, l, false);
    }

    MessageRecord withLinkInDoubt() {
        return new MessageRecord(newest, fingerprint, link, true);
    }
}
