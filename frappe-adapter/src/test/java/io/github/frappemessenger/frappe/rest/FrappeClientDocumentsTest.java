package io.github.frappemessenger.frappe.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals(Map.of("name", "MSG-0001", "is_read", 0, "message", "hi"), doc.orElseThrow());
        RecordedRequest request = frappe.take();
        assertEquals("GET", request.getMethod());
        assertEquals("/api/resource/Messenger%20Message/MSG-0001", request.getTarget());
    }

    @Test
    void everyCallSendsTheTokenAuthorizationHeader() {
        frappe.answer(200, "{\"data\": {\"name\": \"x\"}}");

        client.getDoc("Messenger Settings", "Messenger Settings");

        RecordedRequest request = frappe.take();
        assertEquals("token " + MockFrappe.API_KEY + ":" + MockFrappe.API_SECRET, request.getHeaders().get("Authorization"));
        assertEquals("application/json", request.getHeaders().get("Accept"));
    }

    @Test
    void aClientWithoutCredentialsSendsNoAuthorizationHeader() {
        FrappeClient guest = FrappeClient.builder().baseUrl(frappe.server.url("/")).build();
        frappe.answer(200, "{\"message\": \"pong\"}");

        assertEquals("pong", guest.callMethod("ping", Map.of()));

        assertNull(frappe.take().getHeaders().get("Authorization"));
    }

    @Test
    void aNameWithASlashStaysOnePathSegment() {
        frappe.answer(200, "{\"data\": {\"name\": \"a/b c\"}}");

        client.getDoc("Messenger User", "a/b c");

        assertEquals("/api/resource/Messenger%20User/a%2Fb%20c", frappe.take().getTarget());
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() {
        FrappeClient behindPrefix = frappe.clientBuilder().baseUrl(frappe.server.url("/erp/")).build();
        frappe.answer(200, "{\"data\": {\"name\": \"x\"}}");

        behindPrefix.getDoc("Note", "x");

        assertEquals("/erp/api/resource/Note/x", frappe.take().getTarget());
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

        assertEquals(2, rows.size());
        assertEquals("+15550001", rows.get(0).get("sender_id"));
        RecordedRequest request = frappe.take();
        HttpUrl url = request.getUrl();
        assertEquals("/api/resource/Messenger%20Conversation", url.encodedPath());
        assertEquals("[\"name\",\"sender_id\"]", url.queryParameter("fields"));
        assertEquals("[[\"sender_id\",\"=\",\"+15550001\"],[\"status\",\"in\",[\"Open\",\"Replied & waiting\"]]]",
                url.queryParameter("filters"));
        assertEquals("last_message_time desc", url.queryParameter("order_by"));
        assertEquals("20", url.queryParameter("limit_start"));
        assertEquals("10", url.queryParameter("limit_page_length"));
        assertNull(url.queryParameter("group_by"));
        // Python decodes '+' in a query as a space and '&' splits parameters: both must travel escaped.
        String target = request.getTarget();
        assertTrue(target.contains("%2B15550001"), target);
        assertTrue(target.contains("Replied%20%26%20waiting"), target);
        assertFalse(target.contains(" "), target);
    }

    @Test
    void getListWithOnlyADoctypeSendsNoOptionalParameters() {
        frappe.answer(200, "{\"data\": []}");

        assertEquals(List.of(), client.getList(ListQuery.builder("Messenger Message").build()));

        assertEquals("/api/resource/Messenger%20Message", frappe.take().getTarget());
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

        assertEquals(List.of(Map.of("conversation", "CONV-1", "unread_count", 3)), rows);
        HttpUrl url = frappe.take().getUrl();
        assertEquals("/api/method/frappe.client.get_list", url.encodedPath());
        assertEquals("Messenger Message", url.queryParameter("doctype"));
        assertEquals("[\"conversation\",\"count(name) as unread_count\"]", url.queryParameter("fields"));
        assertEquals("[[\"message_direction\",\"=\",\"Incoming\"],[\"is_read\",\"=\",0]]", url.queryParameter("filters"));
        assertEquals("conversation", url.queryParameter("group_by"));
    }

    @Test
    void insertPostsTheDocAsJsonAndReturnsWhatFrappeStored() {
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-0007\", \"sender_id\": \"+15550001\", \"docstatus\": 0}}");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sender_id", "+15550001");
        doc.put("message", "héllo \"world\"");

        Map<String, Object> saved = client.insert("Messenger Message", doc);

        assertEquals("MSG-0007", saved.get("name"));
        RecordedRequest request = frappe.take();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/resource/Messenger%20Message", request.getTarget());
        assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("{\"sender_id\":\"+15550001\",\"message\":\"héllo \\\"world\\\"\"}", request.getBody().utf8());
    }

    @Test
    void updatePutsOnlyTheChanges() {
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-0007\", \"is_read\": 1}}");

        Map<String, Object> saved = client.update("Messenger Message", "MSG-0007", Map.of("is_read", 1));

        assertEquals(1, saved.get("is_read"));
        RecordedRequest request = frappe.take();
        assertEquals("PUT", request.getMethod());
        assertEquals("/api/resource/Messenger%20Message/MSG-0007", request.getTarget());
        assertEquals("{\"is_read\":1}", request.getBody().utf8());
    }

    @Test
    void deleteSendsDelete() {
        frappe.answer(202, "{\"message\": \"ok\"}");

        client.delete("Messenger Message", "MSG-0007");

        RecordedRequest request = frappe.take();
        assertEquals("DELETE", request.getMethod());
        assertEquals("/api/resource/Messenger%20Message/MSG-0007", request.getTarget());
    }

    @Test
    void getCountAsksFrappeClientGetCount() {
        frappe.answer(200, "{\"message\": 3}");

        long count = client.getCount("Messenger Message",
                List.of(Filter.eq("conversation", "CONV-1"), Filter.eq("is_read", 0)));

        assertEquals(3, count);
        HttpUrl url = frappe.take().getUrl();
        assertEquals("/api/method/frappe.client.get_count", url.encodedPath());
        assertEquals("Messenger Message", url.queryParameter("doctype"));
        assertEquals("[[\"conversation\",\"=\",\"CONV-1\"],[\"is_read\",\"=\",0]]", url.queryParameter("filters"));
    }

    @Test
    void getCountWithoutFiltersSendsNone() {
        frappe.answer(200, "{\"message\": 12}");

        assertEquals(12, client.getCount("Messenger Conversation", List.of()));

        assertNull(frappe.take().getUrl().queryParameter("filters"));
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

        assertEquals(Map.of("user", "agent@example.com", "roles", List.of("Agent")), message);
        RecordedRequest request = frappe.take();
        assertEquals("GET", request.getMethod());
        HttpUrl url = request.getUrl();
        assertEquals("/api/method/crm.api.messenger.get_info", url.encodedPath());
        assertEquals("Messenger Message", url.queryParameter("doctype"));
        assertEquals("5", url.queryParameter("limit"));
        assertEquals("[\"a\",\"b\"]", url.queryParameter("names"));
        assertEquals(List.of("doctype", "limit", "names"), List.copyOf(url.queryParameterNames()));
    }

    @Test
    void postMethodPostsTheBodyAsJsonAndReturnsTheMessage() {
        frappe.answer(200, "{\"message\": \"queued\"}");

        Object message = client.postMethod("crm.api.messenger.send_message",
                Map.of("conversation", "CONV-1"));

        assertEquals("queued", message);
        RecordedRequest request = frappe.take();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/method/crm.api.messenger.send_message", request.getTarget());
        assertEquals("{\"conversation\":\"CONV-1\"}", request.getBody().utf8());
    }

    @Test
    void aMethodWithoutMessageReturnsNull() {
        frappe.answer(200, "{}");

        assertNull(client.callMethod("frappe.ping", null));
    }

    @Test
    void theOkHttpClientKeepsTheSharedPoolAndAppliesTheTimeouts() {
        okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
        FrappeClient sharing = frappe.clientBuilder()
                .okHttpClient(shared)
                .readTimeout(java.time.Duration.ofMillis(1234))
                .build();

        assertTrue(shared.connectionPool() == sharing.okHttpClient().connectionPool());
        assertTrue(shared.dispatcher() == sharing.okHttpClient().dispatcher());
        assertEquals(1234, sharing.okHttpClient().readTimeoutMillis());
        assertEquals(2000, client.okHttpClient().connectTimeoutMillis());
        assertEquals(4000, client.okHttpClient().readTimeoutMillis());
    }
}
