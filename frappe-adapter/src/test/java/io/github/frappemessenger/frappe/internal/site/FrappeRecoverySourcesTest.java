package io.github.frappemessenger.frappe.internal.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.RetryPolicy;
import io.github.frappemessenger.model.MessengerConversation;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two REST reads a realtime client makes around a dropped socket: the unread poll and the resync. */
class FrappeRecoverySourcesTest {
    private final MockWebServer server = new MockWebServer();
    private FrappeClient frappe;

    @BeforeEach
    void start() throws Exception {
        server.start();
        frappe = FrappeClient.builder().baseUrl(server.url("/").toString()).apiKey("k").apiSecret("s")
                .retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void answer(String body) {
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    }

    @Test
    void theUnreadPollIsMessengerVuesGroupedGetList() throws Exception {
        answer("{\"message\": [{\"conversation\": \"CONV-1\", \"unread_count\": 3},"
                + " {\"conversation\": \"CONV-2\", \"unread_count\": 1}]}");

        Map<String, Long> counts = new FrappeUnreadCounts(frappe).fetchUnreadCounts();

        assertEquals(Map.of("CONV-1", 3L, "CONV-2", 1L), counts);
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/method/frappe.client.get_list", request.getUrl().encodedPath());
        assertEquals("Messenger Message", request.getUrl().queryParameter("doctype"));
        assertEquals("conversation", request.getUrl().queryParameter("group_by"));
        assertEquals("[\"conversation\",\"count(name) as unread_count\"]", request.getUrl().queryParameter("fields"));
        assertEquals("[[\"message_direction\",\"=\",\"Incoming\"],[\"is_read\",\"=\",0]]",
                request.getUrl().queryParameter("filters"));
    }

    @Test
    void aFailingPollIsAFrappeExceptionForTheClientToLogAndRetry() {
        server.enqueue(new MockResponse.Builder().code(503).body("{\"exc_type\": \"ServiceUnavailable\"}").build());
        assertThrows(FrappeException.class, () -> new FrappeUnreadCounts(frappe).fetchUnreadCounts());
    }

    @Test
    void theResyncReadsConversationsModifiedSinceTheDropPageByPage() throws Exception {
        StringBuilder full = new StringBuilder("{\"data\": [");
        for (int i = 0; i < 500; i++) {
            full.append(i == 0 ? "" : ",").append("{\"name\": \"CONV-").append(i)
                    .append("\", \"sender_id\": \"s").append(i).append("\", \"platform\": \"Messenger\"}");
        }
        answer(full.append("]}").toString());
        answer("{\"data\": [{\"name\": \"CONV-500\", \"sender_id\": \"s500\", \"platform\": \"Messenger\","
                + " \"last_message\": \"late\", \"last_message_time\": \"2026-11-20 10:05:00\"}]}");

        List<MessengerConversation> changed = new FrappeConversationResync(frappe)
                .conversationsChangedSince(LocalDateTime.of(2026, 11, 20, 10, 0, 0, 250_000_000));

        assertEquals(501, changed.size());
        assertEquals("late", changed.get(500).lastMessage());
        RecordedRequest first = server.takeRequest();
        assertEquals("/api/resource/Messenger%20Conversation", first.getUrl().encodedPath());
        assertEquals("[[\"modified\",\">=\",\"2026-11-20 10:00:00.250000\"]]", first.getUrl().queryParameter("filters"));
        assertEquals("modified asc", first.getUrl().queryParameter("order_by"));
        assertEquals("0", first.getUrl().queryParameter("limit_start"));
        assertEquals("500", server.takeRequest().getUrl().queryParameter("limit_start"));
    }
}
