package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.frappe.internal.rest.BulkUpdate;
import io.github.frappemessenger.frappe.internal.site.FrappeConversationStore.Deferred;
import io.github.frappemessenger.frappe.internal.site.FrappeConversationStore;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * The bridge's {@link MessageLinker} on a Frappe site: validate runs with the conversation's last-message move held
 * back, and the message's link and that move go in one {@code frappe.client.bulk_update}. A message the site does
 * not have fails that call with DoesNotExistError, so no read comes first: a warm message costs one write where it
 * cost a read and two writes (issue 13). Thread-safe.
 */
public final class SiteLinker implements MessageLinker {
    private final MessengerLifecycle lifecycle;
    private final FrappeConversationStore conversations;

    /** {@code lifecycle} must run on {@code conversations} (e.g. both from one {@code FrappeSite}). */
    public SiteLinker(MessengerLifecycle lifecycle, FrappeConversationStore conversations) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
    }

    @Override
    public Optional<MessengerMessage> validateAndLink(MessengerMessage message) {
        BulkUpdate.requireAddressable(message.name(), "Messenger Message name"); // before validate writes anything
        Deferred<MessengerMessage> validated = conversations.deferringLastMessage(() -> lifecycle.validate(message));
        MessengerMessage m = validated.value();
        if (m.conversation() == null || m.conversation().isBlank()) {
            return Optional.of(m); // Messenger Settings disabled: validate links nothing
        }
        boolean linked = conversations.linkMessage(m.name(), m.conversation(),
                validated.lastMessage().orElse(null));
        return linked ? Optional.of(m) : Optional.empty();
    }
}
