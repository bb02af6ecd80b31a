package io.github.frappemessenger.frappe.internal.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        assertThat(store.countUnread("CONV-1")).isEqualTo(2);
    }

    @Test
    void countUnreadAsksFrappeClientGetCountWithTheCrmFilters() {
        store.countUnread("CONV-1");

        StandInRequest request = frappe.last();
        assertThat(request.encodedPath()).isEqualTo("/api/method/frappe.client.get_count");
        assertThat(request.query().get("doctype")).isEqualTo(MESSAGE);
        assertThat(request.query().get("filters"))
                .isEqualTo("[[\"conversation\",\"=\",\"CONV-1\"],[\"message_direction\",\"=\",\"Incoming\"],"
                        + "[\"is_read\",\"=\",0]]");
    }

    @Test
    void linkConversationPutsOnlyTheConversationField() {
        message("MSG-1", "", "Incoming", 0);

        store.linkConversation("MSG-1", "CONV-9");

        StandInRequest request = frappe.last();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.encodedPath()).isEqualTo("/api/resource/Messenger%20Message/MSG-1");
        assertThat(request.body()).isEqualTo("{\"conversation\":\"CONV-9\"}");
        assertThat(frappe.all(MESSAGE).get(0).get("conversation")).isEqualTo("CONV-9");
    }

    @Test
    void linkingAMissingMessageIsFrappesNotFound() {
        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> store.linkConversation("MSG-404", "CONV-1")).actual();
        assertThat(e.kind()).isEqualTo(FrappeException.Kind.NOT_FOUND);
    }

    @Test
    void aFrappeFaultWhileCountingPropagates() {
        frappe.failWhen(r -> true, 503);

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> store.countUnread("CONV-1")).actual();
        assertThat(e.kind()).isEqualTo(FrappeException.Kind.SERVER);
    }
}
