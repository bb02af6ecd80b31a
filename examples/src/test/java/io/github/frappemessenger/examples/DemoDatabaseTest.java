package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --db URL}: a second run continues the first run's inbox; two runs at once share one. */
class DemoDatabaseTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    private static String incoming(String name, String sender) {
        return "{\"name\": \"" + name + "\", \"message\": \"hi " + name + "\", \"sender_id\": \"" + sender
                + "\", \"timestamp\": \"2026-11-20 10:00:00\", \"message_direction\": \"Incoming\", \"is_read\": 0, "
                + "\"content_type\": \"text\", \"platform\": \"Messenger\", \"status\": \"received\"}\n";
    }

    private String run(String stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new DemoCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(args);
        assertThat(code).isEqualTo(0);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** sender_id -> unread_count of the inbox printed last. */
    private Map<String, Integer> inbox(String output) throws Exception {
        String[] lines = output.strip().split("\n");
        JsonNode conversations = mapper.readTree(lines[lines.length - 1]).get("inbox").get("conversations");
        Map<String, Integer> unread = new TreeMap<>();
        conversations.forEach(c -> unread.put(c.get("sender_id").asText(), c.get("unread_count").asInt()));
        return unread;
    }

    @Test
    void aSecondRunOnTheSameDatabaseContinuesTheSameInbox() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("demo.db");
        run(incoming("A-1", "alice") + incoming("A-2", "alice"), "--input", "-", "--db", url);

        String second = run(incoming("B-1", "alice") + incoming("B-2", "bob"), "--input", "-", "--db", url, "--inbox");

        assertThat(inbox(second)).isEqualTo(Map.of("alice", 3, "bob", 1));
    }

    @Test
    void theBuiltInScenarioRunsCleanOnADatabaseWithAllEightEvents() throws Exception {
        String output = run("", "--db", "jdbc:sqlite:" + dir.resolve("scenario.db"), "--inbox");
        for (String event : List.of("conversation_update", "message_update", "unread_update", "message_status_update",
                "message_sent", "message_auto_sent", "block_status_update", "conversation_status_update")) {
            assertThat(output).as(event).contains("\"event\":\"messenger:" + event + "\"");
        }
        assertThat(inbox(output)).as("three conversations, the blocked one left out").hasSize(2);
    }

    @Test
    void aDatabaseUrlOfAnotherKindIsAUsageMistake() {
        UsageException e = assertThatExceptionOfType(UsageException.class)
                .isThrownBy(() -> new DemoCommand(new ByteArrayInputStream(new byte[0]), System.out, System.err)
                        .run(new String[] {"--db", "jdbc:h2:x"}))
                .actual();
        assertThat(e.getMessage()).contains("jdbc:sqlite:FILE");
    }

    @Test
    void twoDemoProcessesAtOnceMakeOneConversationPerSender() throws Exception {
        Path db = dir.resolve("shared.db");
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < 200; s++) {
            a.append(incoming("A-" + s, "sender-" + s));
            b.append(incoming("B-" + s, "sender-" + s));
        }
        Files.writeString(dir.resolve("a.jsonl"), a);
        Files.writeString(dir.resolve("b.jsonl"), b);
        List<Process> demos = new ArrayList<>();
        for (String input : new String[] {"a.jsonl", "b.jsonl"}) {
            demos.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "demo", "--db", "jdbc:sqlite:" + db, "--input", dir.resolve(input).toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }
        for (Process p : demos) {
            p.waitFor(300, TimeUnit.SECONDS);
            assertThat(p.exitValue()).isEqualTo(0);
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT sender_id) FROM messenger_conversation")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(200);
            assertThat(rs.getInt(2)).isEqualTo(200);
        }
        assertThat(inbox(run("", "--input", "-", "--db", "jdbc:sqlite:" + db, "--inbox")).get("sender-7")).isEqualTo(2);
    }
}
