package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.realtime.UnreadCountSource;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.ListQuery;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The unread poll of Frappe CRM's Messenger page, over REST: {@code frappe.client.get_list} on Messenger Message,
 * fields {@code ["conversation", "count(name) as unread_count"]}, Incoming and {@code is_read} = 0, grouped by
 * conversation. One round trip for every conversation at once. Thread-safe.
 */
public final class FrappeUnreadCounts implements UnreadCountSource {
    /** Frappe's get_list pages by 20 unless told; a site may have many conversations with unread messages. */
    private static final int PAGE = 10_000;

    private final FrappeClient frappe;

    public FrappeUnreadCounts(FrappeClient frappe) {
        this.frappe = Objects.requireNonNull(frappe, "frappe");
    }

    @Override
    public Map<String, Long> fetchUnreadCounts() {
        ListQuery query = ListQuery.builder(MessengerMessage.DOCTYPE)
                .fields("conversation", "count(name) as unread_count")
                .filters(FrappeMessageStore.UNREAD)
                .groupBy("conversation")
                .limitPageLength(PAGE)
                .build();
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, Object> row : frappe.getList(query)) {
            Object conversation = row.get("conversation");
            Object count = row.get("unread_count");
            if (conversation != null && count instanceof Number n) {
                counts.put(conversation.toString(), n.longValue());
            }
        }
        return counts;
    }
}
