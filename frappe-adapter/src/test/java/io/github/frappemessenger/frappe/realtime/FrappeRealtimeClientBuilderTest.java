package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThat(FrappeSocketOptions.headers(URI.create("https://crm.example.com/app/crm"), "crm.local", null,
                "key1", "secret1")).isEqualTo(expected);
    }

    @Test
    void aClientWithNeitherTokenNorSessionJoinsAsGuestOnPurpose() {
        assertThat(FrappeSocketOptions.headers(URI.create("http://localhost:8000"), "site1.local", null, null, null)
                .get("Cookie")).isEqualTo(List.of("sid=Guest"));
    }

    @Test
    void aSessionClientSendsItsSidAndNoAuthorization() {
        Map<String, List<String>> headers = FrappeSocketOptions.headers(URI.create("http://localhost:8000"),
                "site1.local", "abc123", null, null);
        assertThat(headers.get("Cookie")).isEqualTo(List.of("sid=abc123"));
        assertThat(headers.get("Origin")).isEqualTo(List.of("http://localhost:8000"));
        assertThat(headers).doesNotContainKey("Authorization");
    }

    @Test
    void defaultsToTheSiteUrlItselfAndTheHostAsSiteName() {
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("https://crm.example.com/app")
                .apiToken("k", "s").build()) {
            assertThat(client.toString()).isEqualTo("FrappeRealtimeClient[https://crm.example.com/crm.example.com]");
        }
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("http://localhost:8000")
                .socketIoUrl("http://localhost:9000").apiToken("k", "s").build()) {
            assertThat(client.toString()).isEqualTo("FrappeRealtimeClient[http://localhost:9000/localhost]");
        }
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("https://crm.example.com")
                .socketIoUrl("https://crm.example.com/ignored/path").siteName("crm.local").build()) {
            assertThat(client.toString()).isEqualTo("FrappeRealtimeClient[https://crm.example.com/crm.local]");
        }
    }

    @Test
    void refusesIncompleteSettingsWithAMessageNamingThem() {
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> FrappeRealtimeClient.builder().build()).withMessageContaining("siteUrl");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> FrappeRealtimeClient.builder().siteUrl("https://x.example")
                        .unreadCountSource(Map::of).build())
                .withMessageContaining("inbox");
        try (FrappeRealtimeClient ok = FrappeRealtimeClient.builder().siteUrl("https://x.example")
                .inbox(new MessengerInbox()).unreadCountSource(Map::of).build()) {
            assertThat(ok.isConnected()).isFalse();
        }
    }

    @Test
    void eachSetterRefusesABadValueAtOnce() {
        FrappeRealtimeClient.Builder builder = FrappeRealtimeClient.builder();
        assertThatExceptionOfType(NullPointerException.class)
                .isThrownBy(() -> builder.apiToken("key", null)).withMessageContaining("secret");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> builder.apiToken(" ", "secret")).withMessageContaining("key");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> builder.siteUrl("crm.example.com")).withMessageContaining("siteUrl");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> builder.socketIoUrl("http://")).withMessageContaining("socketIoUrl");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.siteName(""));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.path("socket.io"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.pollInterval(Duration.ZERO));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> builder.reconnectDelay(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> builder.clock(null));
        // None of the refused values stuck: the builder still needs its site URL, and takes one.
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(builder::build);
        try (FrappeRealtimeClient client = builder.siteUrl("https://crm.example.com").build()) {
            assertThat(client.toString()).isEqualTo("FrappeRealtimeClient[https://crm.example.com/crm.example.com]");
        }
    }

    @Test
    void aSettingWithoutDefaultIsTakenOnce() {
        FrappeRealtimeClient.Builder builder = FrappeRealtimeClient.builder().siteUrl("https://a.example");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> builder.siteUrl("https://b.example")).withMessageContaining("siteUrl");
        builder.apiToken("k", "s");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> builder.apiToken("k2", "s2"));
    }

    @Test
    void buildLeavesTheSiteNameItTookFromTheHostOutOfTheBuilder() {
        FrappeRealtimeClient.Builder builder = FrappeRealtimeClient.builder().siteUrl("https://crm.example.com");
        try (FrappeRealtimeClient first = builder.build()) {
            assertThat(first.toString()).isEqualTo("FrappeRealtimeClient[https://crm.example.com/crm.example.com]");
        }
        // Had build() written the host into the builder's site name, this setter would find it set already.
        try (FrappeRealtimeClient second = builder.siteName("crm.local").build()) {
            assertThat(second.toString()).isEqualTo("FrappeRealtimeClient[https://crm.example.com/crm.local]");
        }
    }

    @Test
    void recoverFromSetsBothRecoverySourcesFromTheRestClientAndNeedsAnInbox() {
        FrappeClient frappe = FrappeClient.builder().baseUrl("https://crm.example.com").apiKey("k").apiSecret("s")
                .build();
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> FrappeRealtimeClient.builder().siteUrl("https://crm.example.com")
                        .recoverFrom(frappe).build())
                .withMessageContaining("inbox");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> FrappeRealtimeClient.builder().unreadCountSource(Map::of).recoverFrom(frappe));
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("https://crm.example.com")
                .inbox(new MessengerInbox()).recoverFrom(frappe).build()) {
            assertThat(client.isConnected()).isFalse();
        }
    }
}
