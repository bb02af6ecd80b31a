package io.github.frappemessenger.frappe.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalHintsTest {
    private final RefusalHints hints = new RefusalHints(URI.create("http://localhost:8000"),
            URI.create("http://127.0.0.1:9000/crm.local"), "crm.local");

    @Test
    void invalidOriginNamesBothHostsAndTheFix() {
        String line = hints.explain("Invalid origin");
        assertTrue(line.startsWith("Invalid origin: "), line);
        assertTrue(line.contains("localhost") && line.contains("127.0.0.1"), line);
        assertTrue(line.contains("FRAPPE_SOCKETIO_URL") && line.contains("http://localhost:9000"), line);
        assertFalse(line.contains("\n"), line);
    }

    @Test
    void invalidNamespaceNamesTheSiteAndXFrappeSiteName() {
        String line = hints.explain("Invalid namespace");
        assertTrue(line.contains("'crm.local'") && line.contains("X-Frappe-Site-Name")
                && line.contains("FRAPPE_SITE"), line);
    }

    @Test
    void anUnknownRefusalIsShownAsTheServerSaidItWithoutControlCharacters() {
        assertEquals("weird\\u001b[31m", hints.explain("weird\u001b[31m"));
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
            assertEquals("Invalid origin", recorder.connectErrors().get(0));
            assertTrue(new RefusalHints(URI.create("http://localhost:8000"), URI.create(relay.url()), "localhost")
                    .explain(recorder.connectErrors().get(0)).contains("127.0.0.1"));
        }
    }
}
