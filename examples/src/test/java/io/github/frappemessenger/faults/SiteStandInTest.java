package io.github.frappemessenger.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.ListQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in, spoken to by the bridge's own REST client over loopback, answers as Frappe does. */
class SiteStandInTest {
    private final SiteStandIn site = new SiteStandIn();
    private final List<String> fired = new ArrayList<>();
    private final FrappeClient client = FrappeClient.builder().baseUrl(site.url()).apiKey("stand-in-key")
            .apiSecret("stand-in-api-secret").build();

    SiteStandInTest() {
        site.onSave((event, doc) -> {
            synchronized (fired) {
                fired.add(event + " " + doc.get("name") + " " + doc.get("modified"));
            }
        });
    }

    @AfterEach
    void close() {
        site.close();
    }

    @Test
    void aNewMessageFiresAfterInsertThenOnUpdateAndAPutFiresOnUpdateWithANewModified() {
        Map<String, Object> saved = site.insertMessage(Rig.incoming("M-1", "psid-1"));
        Map<String, Object> linked = client.update(SiteStandIn.MESSAGE, "M-1", Map.of("conversation", "CONV-1"));

        assertEquals("CONV-1", linked.get("conversation"));
        assertNotEquals(saved.get("modified"), linked.get("modified"));
        assertEquals(List.of("after_insert M-1 " + saved.get("modified"), "on_update M-1 " + saved.get("modified"),
                "on_update M-1 " + linked.get("modified")), fired);
        assertEquals(Map.of("M-1", 1L), site.linkPuts());
    }

    @Test
    void aMissingDocIsA404DoesNotExistErrorAndAnUnknownRouteIsMisdirected() throws Exception {
        assertTrue(client.getDoc(SiteStandIn.MESSAGE, "nope").isEmpty());
        FrappeException e = assertThrows(FrappeException.class,
                () -> client.update(SiteStandIn.MESSAGE, "nope", Map.of("conversation", "C")));
        assertTrue(e.getMessage().contains("DoesNotExistError"), e.getMessage());

        // What a doc named '..' becomes when a URL library resolves the dot segment: no doc route takes it.
        java.net.http.HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(site.url() + "api/resource/"))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"conversation\": \"C\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, put.statusCode());
        assertTrue(put.body().contains("\"exc_type\":\"DoesNotExistError\""), put.body());
        assertEquals(List.of("PUT /api/resource/"), site.misdirected());
    }

    @Test
    void listsFilterOrderAndPageAsFrappeDoes() {
        for (int i = 1; i <= 5; i++) {
            site.insertMessage(Rig.incoming("M-" + i, i % 2 == 0 ? "even" : "odd"));
        }
        List<Map<String, Object>> odd = client.getList(ListQuery.builder(SiteStandIn.MESSAGE).fields("name", "modified")
                .where("sender_id", "=", "odd").orderBy("modified asc").limitPageLength(2).build());
        assertEquals(List.of("M-1", "M-3"), odd.stream().map(r -> r.get("name")).toList());
        assertEquals(2, client.getCount(SiteStandIn.MESSAGE,
                List.of(new io.github.frappemessenger.frappe.rest.Filter("sender_id", "=", "even"))));
        assertEquals(Map.of("enabled", 1), Map.of("enabled",
                client.getDoc(SiteStandIn.SETTINGS, SiteStandIn.SETTINGS).orElseThrow().get("enabled")));
    }

    @Test
    void aWebhookBodyIsPythonsJsonDumps() {
        assertEquals("{\"name\": \"caf\\u00e9\", \"n\": [1, 2]}",
                new String(FrappeJson.dumps(ordered()), java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static Map<String, Object> ordered() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", "café");
        m.put("n", List.of(1, 2));
        return m;
    }
}
