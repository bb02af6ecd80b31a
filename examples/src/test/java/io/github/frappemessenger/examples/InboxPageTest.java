package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
 * 1 s, re-sorting, badges, replying, attachments, duplicates, unread polling while the socket is down, a cut socket
 * and a server restart on a file database. Its screenshots (desktop and phone width) go to
 * target/inbox-screenshots; only {@code -Dinbox.screenshots=docs} (or env {@code INBOX_SCREENSHOTS}) writes them
 * elsewhere, a relative path being taken from the repository root (docs/serve.md, "Screenshots").
 */
class InboxPageTest {
    private static final String CHROMIUM = "/usr/bin/chromium";

    @Test
    void theInboxPageStaysRightThroughCutsAndRestarts(@TempDir Path dir) throws Exception {
        assertThat(Path.of(CHROMIUM))
                .as("Debian's chromium is needed at " + CHROMIUM
                        + " (apt-get install chromium; .ci/run does it)")
                .isExecutable();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ServeOptions options = ServeOptions.parse(new String[] {"--port", String.valueOf(port), "--db",
                "jdbc:sqlite:" + dir.resolve("inbox.db")});
        String tokens = "agent@example.com=demo:demo";
        Path shots = screenshotDir();
        Files.createDirectories(shots);
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
            assertThat(code).as(node.transcript()).isEqualTo(0);
            assertThat(node.transcript().lines()).as(node.transcript()).contains("PASS");
        } finally {
            serve.close();
        }
    }

    /** Where the screenshots go: target/ unless asked (so that a test run never changes files under version control). */
    private static Path screenshotDir() {
        String asked = System.getProperty("inbox.screenshots", System.getenv("INBOX_SCREENSHOTS"));
        if (asked == null || asked.isBlank()) {
            return Path.of("target", "inbox-screenshots").toAbsolutePath();
        }
        Path p = Path.of(asked);
        return (p.isAbsolute() ? p : Path.of("..").resolve(p)).toAbsolutePath().normalize();
    }
}
