package io.github.frappemessenger.frappe.internal.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        assertThat(counts).isEqualTo(Map.of("CONV-1", 3L, "CONV-2", 1L));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/method/frappe.client.get_list");
        assertThat(request.getUrl().queryParameter("doctype")).isEqualTo("Messenger Message");
        assertThat(request.getUrl().queryParameter("group_by")).isEqualTo("conversation");
        assertThat(request.getUrl().queryParameter("fields"))
                .isEqualTo("[\"conversation\",\"count(name) as unread_count\"]");
        assertThat(request.getUrl().queryParameter("filters"))
                .isEqualTo("[[\"message_direction\",\"=\",\"Incoming\"],[\"is_read\",\"=\",0]]");
    }

    @Test
    void aFailingPollIsAFrappeExceptionForTheClientToLogAndRetry() {
        server.enqueue(new MockResponse.Builder().code(503).body("{\"exc_type\": \"ServiceUnavailable\"}").build());
        assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> new FrappeUnreadCounts(frappe).fetchUnreadCounts());
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

        assertThat(changed).hasSize(501);
        assertThat(changed.get(500).lastMessage()).isEqualTo("late");
        RecordedRequest first = server.takeRequest();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/api/resource/Messenger%20Conversation");
        assertThat(first.getUrl().queryParameter("filters"))
                .isEqualTo("[[\"modified\",\">=\",\"2026-11-20 10:00:00.250000\"]]");
        assertThat(first.getUrl().queryParameter("order_by")).isEqualTo("modified asc");
        assertThat(first.getUrl().queryParameter("limit_start")).isEqualTo("0");
        assertThat(server.takeRequest().getUrl().queryParameter("limit_start")).isEqualTo("500");
    }
}
