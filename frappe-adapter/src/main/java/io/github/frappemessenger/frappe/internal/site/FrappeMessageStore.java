package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.rest.Filter;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.model.MessageDirection;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Messenger Messages of a Frappe site, over its REST API: one round trip per call, nothing cached (an unread
 * count must be exact when it is sent). Errors propagate as
 * {@link io.github.frappemessenger.frappe.rest.FrappeException}. Thread-safe: it holds only the client.
 */
public final class FrappeMessageStore implements MessageStore {
    private final FrappeClient frappe;

    public FrappeMessageStore(FrappeClient frappe) {
        this.frappe = Objects.requireNonNull(frappe, "frappe");
    }

    /** The CRM's unread filter (docs/protocol.md §6): incoming messages not read. */
    static final List<Filter> UNREAD = List.of(Filter.eq("message_direction", MessageDirection.INCOMING.wireName()),
            Filter.eq("is_read", 0));

    /** {@code frappe.client.get_count} of the conversation's {@link #UNREAD} messages. */
    @Override
    public long countUnread(String conversationName) {
        List<Filter> filters = new ArrayList<>(UNREAD);
        filters.add(0, Filter.eq("conversation", conversationName));
        return frappe.getCount(MessengerMessage.DOCTYPE, filters);
    }

    /** {@code GET /api/resource/Messenger Message/<name>}. */
    @Override
    public Optional<MessengerMessage> get(String name) {
        return frappe.getDoc(MessengerMessage.DOCTYPE, name).map(MessengerMessage::fromDoc);
    }

    /** An update of the stored doc of that name, or an insert when there is none. */
    @Override
    public void save(MessengerMessage message) {
        if (frappe.getDoc(MessengerMessage.DOCTYPE, message.name()).isPresent()) {
            frappe.update(MessengerMessage.DOCTYPE, message.name(), message.toDoc());
        } else {
            frappe.insert(MessengerMessage.DOCTYPE, message.toDoc());
        }
    }

    /** {@code PUT /api/resource/Messenger Message/<name>} with only {@code conversation}. */
    @Override
    public void linkConversation(String messageName, String conversationName) {
        frappe.update(MessengerMessage.DOCTYPE, messageName, Map.of("conversation", conversationName));
    }
}
