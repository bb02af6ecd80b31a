package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrappeClientDocumentsTest {

    private final MockFrappe frappe = new MockFrappe();
    private final FrappeClient client = frappe.client();

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void getDocReadsDataFromTheResourceUrlWithSpacesEncoded() {
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-0001\", \"is_read\": 0, \"message\": \"hi\"}}");

        Optional<Map<String, Object>> doc = client.getDoc("Messenger Message", "MSG-0001");

        assertThat(doc.orElseThrow()).isEqualTo(Map.of("name", "MSG-0001", "is_read", 0, "message", "hi"));
        RecordedRequest request = frappe.take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/resource/Messenger%20Message/MSG-0001");
    }

    @Test
    void everyCallSendsTheTokenAuthorizationHeader() {
        frappe.answer(200, "{\"data\": {\"name\": \"x\"}}");

        client.getDoc("Messenger Settings", "Messenger Settings");

        RecordedRequest request = frappe.take();
        assertThat(request.getHeaders().get("Authorization"))
                .isEqualTo("token " + MockFrappe.API_KEY + ":" + MockFrappe.API_SECRET);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void aClientWithoutCredentialsSendsNoAuthorizationHeader() {
        FrappeClient guest = FrappeClient.builder().baseUrl(frappe.server.url("/")).build();
        frappe.answer(200, "{\"message\": \"pong\"}");

        assertThat(guest.callMethod("ping", Map.of())).isEqualTo("pong");

        assertThat(frappe.take().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aNameWithASlashStaysOnePathSegment() {
        frappe.answer(200, "{\"data\": {\"name\": \"a/b c\"}}");

        client.getDoc("Messenger User", "a/b c");

        assertThat(frappe.take().getTarget()).isEqualTo("/api/resource/Messenger%20User/a%2Fb%20c");
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() {
        FrappeClient behindPrefix = frappe.clientBuilder().baseUrl(frappe.server.url("/erp/")).build();
        frappe.answer(200, "{\"data\": {\"name\": \"x\"}}");

        behindPrefix.getDoc("Note", "x");

        assertThat(frappe.take().getTarget()).isEqualTo("/erp/api/resource/Note/x");
    }

    @Test
    void getListSendsFieldsFiltersOrderAndPageAsJsonQueryParameters() {
        frappe.answer(200, "{\"data\": [{\"name\": \"CONV-1\", \"sender_id\": \"+15550001\"}, {\"name\": \"CONV-2\"}]}");
        ListQuery query = ListQuery.builder("Messenger Conversation")
                .fields("name", "sender_id")
                .where("sender_id", "=", "+15550001")
                .where("status", "in", List.of("Open", "Replied & waiting"))
                .orderBy("last_message_time desc")
                .limitStart(20)
                .limitPageLength(10)
                .build();

        List<Map<String, Object>> rows = client.getList(query);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("sender_id")).isEqualTo("+15550001");
        RecordedRequest request = frappe.take();
        HttpUrl url = request.getUrl();
        assertThat(url.encodedPath()).isEqualTo("/api/resource/Messenger%20Conversation");
        assertThat(url.queryParameter("fields")).isEqualTo("[\"name\",\"sender_id\"]");
        assertThat(url.queryParameter("filters"))
                .isEqualTo("[[\"sender_id\",\"=\",\"+15550001\"],[\"status\",\"in\",[\"Open\",\"Replied & waiting\"]]]");
        assertThat(url.queryParameter("order_by")).isEqualTo("last_message_time desc");
        assertThat(url.queryParameter("limit_start")).isEqualTo("20");
        assertThat(url.queryParameter("limit_page_length")).isEqualTo("10");
        assertThat(url.queryParameter("group_by")).isNull();
        // Python decodes '+' in a query as a space and '&' splits parameters: both must travel escaped.
        String target = request.getTarget();
        assertThat(target).contains("%2B15550001");
        assertThat(target).contains("Replied%20%26%20waiting");
        assertThat(target).doesNotContain(" ");
    }

    @Test
    void getListWithOnlyADoctypeSendsNoOptionalParameters() {
        frappe.answer(200, "{\"data\": []}");

        assertThat(client.getList(ListQuery.builder("Messenger Message").build())).isEqualTo(List.of());

        assertThat(frappe.take().getTarget()).isEqualTo("/api/resource/Messenger%20Message");
    }

    @Test
    void getListWithGroupByGoesThroughFrappeClientGetList() {
        frappe.answer(200, "{\"message\": [{\"conversation\": \"CONV-1\", \"unread_count\": 3}]}");
        ListQuery unread = ListQuery.builder("Messenger Message")
                .fields("conversation", "count(name) as unread_count")
                .where("message_direction", "=", "Incoming")
                .where("is_read", "=", 0)
                .groupBy("conversation")
                .build();

        List<Map<String, Object>> rows = client.getList(unread);

        assertThat(rows).isEqualTo(List.of(Map.of("conversation", "CONV-1", "unread_count", 3)));
        HttpUrl url = frappe.take().getUrl();
        assertThat(url.encodedPath()).isEqualTo("/api/method/frappe.client.get_list");
        assertThat(url.queryParameter("doctype")).isEqualTo("Messenger Message");
        assertThat(url.queryParameter("fields")).isEqualTo("[\"conversation\",\"count(name) as unread_count\"]");
        assertThat(url.queryParameter("filters"))
                .isEqualTo("[[\"message_direction\",\"=\",\"Incoming\"],[\"is_read\",\"=\",0]]");
        assertThat(url.queryParameter("group_by")).isEqualTo("conversation");
    }

    @Test
    void insertPostsTheDocAsJsonAndReturnsWhatFrappeStored() {
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-0007\", \"sender_id\": \"+15550001\", \"docstatus\": 0}}");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sender_id", "+15550001");
        doc.put("message", "héllo \"world\"");

        Map<String, Object> saved = client.insert("Messenger Message", doc);

        assertThat(saved.get("name")).isEqualTo("MSG-0007");
        RecordedRequest request = frappe.take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/resource/Messenger%20Message");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getBody().utf8())
                .isEqualTo("{\"sender_id\":\"+15550001\",\"message\":\"héllo \\\"world\\\"\"}");
    }

    @Test
    void updatePutsOnlyTheChanges() {
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-0007\", \"is_read\": 1}}");

        Map<String, Object> saved = client.update("Messenger Message", "MSG-0007", Map.of("is_read", 1));

        assertThat(saved.get("is_read")).isEqualTo(1);
        RecordedRequest request = frappe.take();
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getTarget()).isEqualTo("/api/resource/Messenger%20Message/MSG-0007");
        assertThat(request.getBody().utf8()).isEqualTo("{\"is_read\":1}");
    }

    @Test
    void deleteSendsDelete() {
        frappe.answer(202, "{\"message\": \"ok\"}");

        client.delete("Messenger Message", "MSG-0007");

        RecordedRequest request = frappe.take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getTarget()).isEqualTo("/api/resource/Messenger%20Message/MSG-0007");
    }

    @Test
    void getCountAsksFrappeClientGetCount() {
        frappe.answer(200, "{\"message\": 3}");

        long count = client.getCount("Messenger Message",
                List.of(Filter.eq("conversation", "CONV-1"), Filter.eq("is_read", 0)));

        assertThat(count).isEqualTo(3);
        HttpUrl url = frappe.take().getUrl();
        assertThat(url.encodedPath()).isEqualTo("/api/method/frappe.client.get_count");
        assertThat(url.queryParameter("doctype")).isEqualTo("Messenger Message");
        assertThat(url.queryParameter("filters"))
                .isEqualTo("[[\"conversation\",\"=\",\"CONV-1\"],[\"is_read\",\"=\",0]]");
    }

    @Test
    void getCountWithoutFiltersSendsNone() {
        frappe.answer(200, "{\"message\": 12}");

        assertThat(client.getCount("Messenger Conversation", List.of())).isEqualTo(12);

        assertThat(frappe.take().getUrl().queryParameter("filters")).isNull();
    }

    @Test
    void callMethodSendsStringsAsTheyAreAndOtherValuesAsJson() {
        frappe.answer(200, "{\"message\": {\"user\": \"agent@example.com\", \"roles\": [\"Agent\"]}}");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("doctype", "Messenger Message");
        args.put("limit", 5);
        args.put("names", List.of("a", "b"));
        args.put("skipped", null);

        Object message = client.callMethod("crm.api.messenger.get_info", args);

        assertThat(message).isEqualTo(Map.of("user", "agent@example.com", "roles", List.of("Agent")));
        RecordedRequest request = frappe.take();
        assertThat(request.getMethod()).isEqualTo("GET");
        HttpUrl url = request.getUrl();
        assertThat(url.encodedPath()).isEqualTo("/api/method/crm.api.messenger.get_info");
        assertThat(url.queryParameter("doctype")).isEqualTo("Messenger Message");
        assertThat(url.queryParameter("limit")).isEqualTo("5");
        assertThat(url.queryParameter("names")).isEqualTo("[\"a\",\"b\"]");
        assertThat(List.copyOf(url.queryParameterNames())).isEqualTo(List.of("doctype", "limit", "names"));
    }

    @Test
    void postMethodPostsTheBodyAsJsonAndReturnsTheMessage() {
        frappe.answer(200, "{\"message\": \"queued\"}");

        Object message = client.postMethod("crm.api.messenger.send_message",
                Map.of("conversation", "CONV-1"));

        assertThat(message).isEqualTo("queued");
        RecordedRequest request = frappe.take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/method/crm.api.messenger.send_message");
        assertThat(request.getBody().utf8()).isEqualTo("{\"conversation\":\"CONV-1\"}");
    }

    @Test
    void aMethodWithoutMessageReturnsNull() {
        frappe.answer(200, "{}");

        assertThat(client.callMethod("frappe.ping", null)).isNull();
    }

    @Test
    void theOkHttpClientKeepsTheSharedPoolAndAppliesTheTimeouts() {
        okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
        FrappeClient sharing = frappe.clientBuilder()
                .okHttpClient(shared)
                .readTimeout(java.time.Duration.ofMillis(1234))
                .build();

        assertThat(shared.connectionPool()).isSameAs(sharing.okHttpClient().connectionPool());
        assertThat(shared.dispatcher()).isSameAs(sharing.okHttpClient().dispatcher());
        assertThat(sharing.okHttpClient().readTimeoutMillis()).isEqualTo(1234);
        assertThat(client.okHttpClient().connectTimeoutMillis()).isEqualTo(2000);
        assertThat(client.okHttpClient().readTimeoutMillis()).isEqualTo(4000);
    }
}
