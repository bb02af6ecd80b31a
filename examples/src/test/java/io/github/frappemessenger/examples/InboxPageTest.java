package io.github.frappemessenger.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.serve.Serve;
import io.github.frappemessenger.serve.ServeOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web inbox end to end in headless Chromium (Debian's package, driven by playwright-core): live messages within
 * 1 s, re-sorting, badges, replying, attachments, duplicates, a cut socket and a server restart on a file database.
 * Writes the screenshots of docs/ (desktop and phone width).
 */
class InboxPageTest {
    private static final String CHROMIUM = "/usr/bin/chromium";

    @Test
    void theInboxPageStaysRightThroughCutsAndRestarts(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), "Debian's chromium is needed at " + CHROMIUM
                + " (apt-get install chromium; .ci/run does it)");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ServeOptions options = ServeOptions.parse(new String[] {"--port", String.valueOf(port), "--db",
                "jdbc:sqlite:" + dir.resolve("inbox.db")});
        String tokens = "agent@example.com=demo:demo";
        Path shots = Path.of("..", "docs").toAbsolutePath().normalize();
        Serve serve = Serve.start(options, tokens);
        try (NodeScript node = NodeScript.start("inbox-e2e.mjs", "http://127.0.0.1:" + port, "demo:demo",
                shots.toString())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (System.nanoTime() < deadline) {
                String line = node.nextLine(Duration.ofMillis(500));
                if ("RESTART".equals(line)) {
                    serve.close();
                    serve = Serve.start(options, tokens);
                    node.send("RESTARTED");
                } else if ("<exit>".equals(line)) {
                    break;
                }
            }
            int code = node.finish(Duration.ofSeconds(5));
            assertEquals(0, code, node.transcript());
            assertTrue(node.transcript().lines().anyMatch("PASS"::equals), node.transcript());
        } finally {
            serve.close();
        }
    }
}
