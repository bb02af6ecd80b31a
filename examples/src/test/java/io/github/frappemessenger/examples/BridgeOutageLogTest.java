package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bridge as a child process (its real slf4j output) while Frappe is down: each webhook that fails is a few log
 * lines, none of them a stack trace, instead of the same trace three times.
 */
class BridgeOutageLogTest {
    private static final String DOC = "{\"doctype\": \"Messenger Message\", \"name\": \"MSG-OUT-1\", "
            + "\"modified\": \"2026-11-20 10:00:00.000001\", \"sender_id\": \"s1\", \"platform\": \"Messenger\", "
            + "\"message_direction\": \"Incoming\", \"message\": \"hi\", \"timestamp\": \"2026-11-20 10:00:00\"}";

    @Test
    void aFrappeOutageIsAFewLinesPerWebhookWithoutStackTraces() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "bridge")
                .redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of("FRAPPE_URL", "http://127.0.0.1:9", "FRAPPE_API_KEY", "k",
                "FRAPPE_API_SECRET", "s", "REDIS_URL", "redis://127.0.0.1:6379", "BRIDGE_INSECURE", "1",
                "BRIDGE_PORT", Integer.toString(port), "FRAPPE_SITE", "outage.example.test",
                "BRIDGE_JOURNAL_DIR", Files.createTempDirectory("outage-journal-").toString(),
                "CATCHUP_INTERVAL_S", "0")); // only the webhook's lines: the catch-up sweep logs its own outage
        Process bridge = builder.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(bridge.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/webhooks/frappe/after_insert")).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(DOC)).build();
            HttpResponse<String> answer = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answer == null && System.nanoTime() < deadline) {
                try {
                    answer = http.send(post, HttpResponse.BodyHandlers.ofString());
                } catch (java.net.ConnectException notYet) {
                    Thread.sleep(200);
                }
            }
            // Journaled first: the bridge retries it itself once Frappe is back (docs/bridge.md, "What a 2xx means").
            assertThat(answer == null ? -1 : answer.statusCode())
                    .as("Frappe is down: accepted, retried later")
                    .isEqualTo(202);
            Thread.sleep(500);
        } finally {
            bridge.destroy();
            bridge.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
        }
        List<String> output;
        synchronized (lines) {
            output = List.copyOf(lines);
        }
        List<String> failure = output.stream().filter(l -> l.contains("MSG-OUT-1") || l.contains("127.0.0.1:9")).toList();
        assertThat(failure).as(String.join("\n", output)).isNotEmpty();
        assertThat(failure.size()).as("one failure, a few lines: " + String.join("\n", failure)).isLessThanOrEqualTo(5);
        assertThat(output.stream().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")))
                .as(String.join("\n", output))
                .isTrue();
    }
}
