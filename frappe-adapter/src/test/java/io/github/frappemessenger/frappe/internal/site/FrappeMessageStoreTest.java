package io.github.frappemessenger.frappe.internal.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.testing.StandInRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrappeMessageStoreTest {
    private static final String MESSAGE = "Messenger Message";

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final FrappeMessageStore store = new FrappeMessageStore(frappe.client());

    @AfterEach
    void stop() {
        frappe.close();
    }

    private void message(String name, String conversation, String direction, int isRead) {
        frappe.seed(MESSAGE, Map.of("name", name, "conversation", conversation, "message_direction", direction,
                "is_read", isRead));
    }

    @Test
    void countUnreadCountsIncomingUnreadMessagesOfThatConversationOnly() {
        message("MSG-1", "CONV-1", "Incoming", 0);
        message("MSG-2", "CONV-1", "Incoming", 0);
        message("MSG-3", "CONV-1", "Incoming", 1);
        message("MSG-4", "CONV-1", "Outgoing", 0);
        message("MSG-5", "CONV-2", "Incoming", 0);

        assertEquals(2, store.countUnread("CONV-1"));
    }

    @Test
    void countUnreadAsksFrappeClientGetCountWithTheCrmFilters() {
        store.countUnread("CONV-1");

        StandInRequest request = frappe.last();
        assertEquals("/api/method/frappe.client.get_count", request.encodedPath());
        assertEquals(MESSAGE, request.query().get("doctype"));
        assertEquals("[[\"conversation\",\"=\",\"CONV-1\"],[\"message_direction\",\"=\",\"Incoming\"],"
                + "[\"is_read\",\"=\",0]]", request.query().get("filters"));
    }

    @Test
    void linkConversationPutsOnlyTheConversationField() {
        message("MSG-1", "", "Incoming", 0);

        store.linkConversation("MSG-1", "CONV-9");

        StandInRequest request = frappe.last();
        assertEquals("PUT", request.method());
        assertEquals("/api/resource/Messenger%20Message/MSG-1", request.encodedPath());
        assertEquals("{\"conversation\":\"CONV-9\"}", request.body());
        assertEquals("CONV-9", frappe.all(MESSAGE).get(0).get("conversation"));
    }

    @Test
    void linkingAMissingMessageIsFrappesNotFound() {
        FrappeException e = assertThrows(FrappeException.class, () -> store.linkConversation("MSG-404", "CONV-1"));
        assertEquals(FrappeException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void aFrappeFaultWhileCountingPropagates() {
        frappe.failWhen(r -> true, 503);

        FrappeException e = assertThrows(FrappeException.class, () -> store.countUnread("CONV-1"));
        assertEquals(FrappeException.Kind.SERVER, e.kind());
    }
}
