package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.realtime.ConversationResync;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.ListQuery;
import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.model.MessengerConversation;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * After the socket comes back: the Messenger Conversations whose {@code modified} is at or after the drop, read page
 * by page (oldest change first), so the inbox ends as if no event had been missed. Thread-safe.
 */
public final class FrappeConversationResync implements ConversationResync {
    private static final int PAGE = 500;

    private final FrappeClient frappe;

    public FrappeConversationResync(FrappeClient frappe) {
        this.frappe = Objects.requireNonNull(frappe, "frappe");
    }

    @Override
    public List<MessengerConversation> conversationsChangedSince(LocalDateTime since) {
        List<MessengerConversation> changed = new ArrayList<>();
        for (int start = 0; ; start += PAGE) {
            List<Map<String, Object>> page = frappe.getList(ListQuery.builder(MessengerConversation.DOCTYPE)
                    .fields(SenderConversations.FIELDS)
                    .where("modified", ">=", FrappeDates.format(since))
                    .orderBy("modified asc")
                    .limitStart(start)
                    .limitPageLength(PAGE)
                    .build());
            for (Map<String, Object> doc : page) {
                changed.add(MessengerConversation.fromDoc(doc));
            }
            if (page.size() < PAGE) {
                return changed;
            }
        }
    }
}
