package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalHintsTest {
    private final RefusalHints hints = new RefusalHints(URI.create("http://localhost:8000"),
            URI.create("http://127.0.0.1:9000/crm.local"), "crm.local");

    @Test
    void invalidOriginNamesBothHostsAndTheFix() {
        String line = hints.explain("Invalid origin");
        assertThat(line).startsWith("Invalid origin: ");
        assertThat(line).contains("localhost", "127.0.0.1");
        assertThat(line).contains("FRAPPE_SOCKETIO_URL", "http://localhost:9000");
        assertThat(line).doesNotContain("\n");
    }

    @Test
    void invalidNamespaceNamesTheSiteAndXFrappeSiteName() {
        String line = hints.explain("Invalid namespace");
        assertThat(line).contains("'crm.local'", "X-Frappe-Site-Name", "FRAPPE_SITE");
    }

    @Test
    void anUnknownRefusalIsShownAsTheServerSaidItWithoutControlCharacters() {
        assertThat(hints.explain("weird\u001b[31m")).isEqualTo("weird\\u001b[31m");
    }

    @Test
    void aRealServerRefusesLocalhostAgainst127001AsInvalidOrigin() throws Exception {
        Recorder recorder = new Recorder();
        try (NodeRelay relay = NodeRelay.start(0, "events-hint-unused", "k:s=a@example.com");
             FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("http://localhost:8000")
                     .socketIoUrl(relay.url()).siteName("localhost").apiToken("k", "s").build()) {
            client.onConnectionChange(recorder);
            client.connect();
            await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.connectErrors().isEmpty());
            assertThat(recorder.connectErrors().get(0)).isEqualTo("Invalid origin");
            assertThat(new RefusalHints(URI.create("http://localhost:8000"), URI.create(relay.url()), "localhost")
                    .explain(recorder.connectErrors().get(0))).contains("127.0.0.1");
        }
    }
}
