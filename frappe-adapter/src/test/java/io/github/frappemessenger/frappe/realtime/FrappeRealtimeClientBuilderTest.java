package io.github.frappemessenger.frappe.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.inbox.MessengerInbox;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrappeRealtimeClientBuilderTest {

    @Test
    void aTokenClientSendsACookieWithoutSidBesideTheToken() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("Origin", List.of("https://crm.example.com"));
        expected.put("Cookie", List.of("system_user=yes"));
        expected.put("Authorization", List.of("token key1:secret1"));
        expected.put("X-Frappe-Site-Name", List.of("crm.local"));
        assertEquals(expected, FrappeSocketOptions.headers(URI.create("https://crm.example.com/app/crm"),
                "crm.local", null, "key1", "secret1"));
    }

    @Test
    void aClientWithNeitherTokenNorSessionJoinsAsGuestOnPurpose() {
        assertEquals(List.of("sid=Guest"), FrappeSocketOptions.headers(URI.create("http://localhost:8000"),
                "site1.local", null, null, null).get("Cookie"));
    }

    @Test
    void aSessionClientSendsItsSidAndNoAuthorization() {
        Map<String, List<String>> headers = FrappeSocketOptions.headers(URI.create("http://localhost:8000"),
                "site1.local", "abc123", null, null);
        assertEquals(List.of("sid=abc123"), headers.get("Cookie"));
        assertEquals(List.of("http://localhost:8000"), headers.get("Origin"));
        assertFalse(headers.containsKey("Authorization"));
    }

    @Test
    void defaultsToTheSiteUrlItselfAndTheHostAsSiteName() {
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("https://crm.example.com/app")
                .apiToken("k", "s").build()) {
            assertEquals("FrappeRealtimeClient[https://crm.example.com/crm.example.com]", client.toString());
        }
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("http://localhost:8000")
                .socketIoUrl("http://localhost:9000").apiToken("k", "s").build()) {
            assertEquals("FrappeRealtimeClient[http://localhost:9000/localhost]", client.toString());
        }
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("https://crm.example.com")
                .socketIoUrl("https://crm.example.com/ignored/path").siteName("crm.local").build()) {
            assertEquals("FrappeRealtimeClient[https://crm.example.com/crm.local]", client.toString());
        }
    }

    @Test
    void refusesIncompleteSettingsWithAMessageNamingThem() {
        assertTrue(assertThrows(IllegalStateException.class, () -> FrappeRealtimeClient.builder().build())
                .getMessage().contains("siteUrl"));
        assertTrue(assertThrows(IllegalStateException.class, () -> FrappeRealtimeClient.builder()
                .siteUrl("https://x.example").unreadCountSource(Map::of).build()).getMessage().contains("inbox"));
        try (FrappeRealtimeClient ok = FrappeRealtimeClient.builder().siteUrl("https://x.example")
                .inbox(new MessengerInbox()).unreadCountSource(Map::of).build()) {
            assertEquals(false, ok.isConnected());
        }
    }

    @Test
    void eachSetterRefusesABadValueAtOnce() {
        FrappeRealtimeClient.Builder builder = FrappeRealtimeClient.builder();
        assertTrue(assertThrows(NullPointerException.class, () -> builder.apiToken("key", null))
                .getMessage().contains("secret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.apiToken(" ", "secret"))
                .getMessage().contains("key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.siteUrl("crm.example.com"))
                .getMessage().contains("siteUrl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.socketIoUrl("http://"))
                .getMessage().contains("socketIoUrl"));
        assertThrows(IllegalArgumentException.class, () -> builder.siteName(""));
        assertThrows(IllegalArgumentException.class, () -> builder.path("socket.io"));
        assertThrows(IllegalArgumentException.class, () -> builder.pollInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> builder.reconnectDelay(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> builder.clock(null));
        // None of the refused values stuck: the builder still needs its site URL, and takes one.
        assertThrows(IllegalStateException.class, builder::build);
        try (FrappeRealtimeClient client = builder.siteUrl("https://crm.example.com").build()) {
            assertEquals("FrappeRealtimeClient[https://crm.example.com/crm.example.com]", client.toString());
        }
    }

    @Test
    void aSettingWithoutDefaultIsTakenOnce() {
        FrappeRealtimeClient.Builder builder = FrappeRealtimeClient.builder().siteUrl("https://a.example");
        assertTrue(assertThrows(IllegalStateException.class, () -> builder.siteUrl("https://b.example"))
                .getMessage().contains("siteUrl"));
        builder.apiToken("k", "s");
        assertThrows(IllegalStateException.class, () -> builder.apiToken("k2", "s2"));
    }

    @Test
    void buildLeavesTheSiteNameItTookFromTheHostOutOfTheBuilder() {
        FrappeRealtimeClient.Builder builder = FrappeRealtimeClient.builder().siteUrl("https://crm.example.com");
        try (FrappeRealtimeClient first = builder.build()) {
            assertEquals("FrappeRealtimeClient[https://crm.example.com/crm.example.com]", first.toString());
        }
        // Had build() written the host into the builder's site name, this setter would find it set already.
        try (FrappeRealtimeClient second = builder.siteName("crm.local").build()) {
            assertEquals("FrappeRealtimeClient[https://crm.example.com/crm.local]", second.toString());
        }
    }

    @Test
    void recoverFromSetsBothRecoverySourcesFromTheRestClientAndNeedsAnInbox() {
        FrappeClient frappe = FrappeClient.builder().baseUrl("https://crm.example.com").apiKey("k").apiSecret("s")
                .build();
        assertTrue(assertThrows(IllegalStateException.class, () -> FrappeRealtimeClient.builder()
                .siteUrl("https://crm.example.com").recoverFrom(frappe).build()).getMessage().contains("inbox"));
        assertThrows(IllegalStateException.class, () -> FrappeRealtimeClient.builder().unreadCountSource(Map::of)
                .recoverFrom(frappe));
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("https://crm.example.com")
                .inbox(new MessengerInbox()).recoverFrom(frappe).build()) {
            assertFalse(client.isConnected());
        }
    }
}
