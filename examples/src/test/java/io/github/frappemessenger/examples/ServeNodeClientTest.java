package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.serve.Serve;
import io.github.frappemessenger.serve.ServeOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * socket.io-client 4 (Node) against {@code serve}: Frappe's connection rules with their refusals, the guest's
 * silence, and the demo scenario posted to the API heard exactly as {@code demo} prints it (polling and websocket).
 */
class ServeNodeClientTest {

    @Test
    void nodeClientsSeeFrappesRulesAndTheDemosEvents(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("scenario.jsonl");
        try (InputStream in = getClass().getResourceAsStream(DemoCommand.SCENARIO)) {
            Files.write(scenario, in.readAllBytes());
        }
        ByteArrayOutputStream demoOut = new ByteArrayOutputStream();
        int demo = new DemoCommand(InputStream.nullInputStream(), new PrintStream(demoOut, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(new String[] {});
        assertThat(demo).isEqualTo(0);
        Path expected = dir.resolve("expected.jsonl");
        Files.write(expected, demoOut.toByteArray());

        try (Serve serve = Serve.start(ServeOptions.parse(new String[] {"--port", "0", "--site", "node.localhost"}),
                "agent@example.com=k1:s1");
             NodeScript node = NodeScript.start("socket-rules.mjs", "http://127.0.0.1:" + serve.port(),
                     "node.localhost", "k1:s1", scenario.toString(), expected.toString())) {
            int code = node.finish(Duration.ofSeconds(90));
            assertThat(code).as(node.transcript()).isEqualTo(0);
            assertThat(node.transcript().lines()).as(node.transcript()).contains("PASS");
        }
    }
}
