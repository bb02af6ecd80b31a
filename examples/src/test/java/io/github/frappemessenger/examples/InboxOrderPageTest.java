package io.github.frappemessenger.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.serve.Serve;
import io.github.frappemessenger.serve.ServeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The web inbox in headless Chromium skips a live event whose version is at or below what it shows, as MessengerInbox
 * does (issue 11: every client we ship): older events are put into its socket beside serve's own
 * (node/tests/inbox-order.mjs).
 */
class InboxOrderPageTest {

    @Test
    void anOlderEventDoesNotUndoWhatThePageShows() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian's chromium is needed at /usr/bin/chromium");
        try (Serve serve = Serve.start(ServeOptions.parse(new String[] {"--port", "0"}), "agent@example.com=demo:demo");
             NodeScript node = NodeScript.start("inbox-order.mjs", "http://127.0.0.1:" + serve.port(), "demo:demo")) {
            int code = node.finish(Duration.ofSeconds(90));
            assertEquals(0, code, node.transcript());
            assertTrue(node.transcript().lines().anyMatch("PASS"::equals), node.transcript());
        }
    }
}
