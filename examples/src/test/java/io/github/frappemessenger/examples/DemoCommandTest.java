package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) throws Exception {
        return new DemoCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private List<JsonNode> outputLines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(mapper.readTree(line));
            }
        }
        return lines;
    }

    private static String incoming(String name, String sender, String time) {
        return "{\"name\": \"" + name + "\", \"message\": \"hi " + name + "\", \"sender_id\": \"" + sender
                + "\", \"timestamp\": \"" + time + "\", \"message_direction\": \"Incoming\", \"is_read\": 0, "
                + "\"content_type\": \"text\", \"platform\": \"Messenger\", \"status\": \"received\"}\n";
    }

    @Test
    void printsOneLineOfEventRoomAndMessagePerEvent() throws Exception {
        int code = run(incoming("M1", "alice", "2026-11-20 10:00:00"), "--input", "-");

        assertThat(code).isEqualTo(0);
        List<JsonNode> lines = outputLines();
        assertThat(lines.stream().map(l -> l.get("event").asText()).toList())
                .isEqualTo(List.of("messenger:conversation_update", "messenger:message_update", "messenger:unread_update",
                        "messenger:message_status_update"));
        for (JsonNode line : lines) {
            assertThat(fieldNames(line)).isEqualTo(List.of("event", "room", "message"));
            assertThat(line.get("room").asText()).isEqualTo("all");
        }
        assertThat(lines.get(2).get("message").get("unread_count").asInt()).isEqualTo(1);
    }

    @Test
    void aNameSeenBeforeIsAnUpdateOfThatMessage() throws Exception {
        run(incoming("M1", "alice", "2026-11-20 10:00:00") + "{\"name\": \"M1\", \"is_read\": 1}\n", "--input", "-");
        List<JsonNode> lines = outputLines();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(6).get("message").get("unread_count").asInt()).isEqualTo(0);
        assertThat(lines.get(5).get("message").get("message").get("message").asText()).isEqualTo("hi M1");
    }

    @Test
    void badLinesAreReportedWithTheirNumberSkippedAndMakeTheExitCodeOne() throws Exception {
        String input = incoming("M1", "alice", "2026-11-20 10:00:00")
                + "{not json\n"
                + "{\"name\": \"M2\", \"message_direction\": \"Incoming\", \"platform\": \"Messenger\", "
                + "\"timestamp\": \"2026-11-20 10:00:00\"}\n"
                + "\n"
                + "{\"message\": \"no name\"}\n"
                + "[1, 2]\n"
                + incoming("M3", "bob", "2026-11-20 10:01:00");

        int code = run(input, "--input", "-");

        assertThat(code).isEqualTo(1);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("line 2: not a JSON object");
        assertThat(errors).contains("line 3: Messenger Message M2: sender_id is required");
        assertThat(errors).contains("line 5: the doc has no 'name'");
        assertThat(errors).contains("line 6: not a JSON object");
        assertThat(outputLines()).as("the good lines around the bad ones still ran").hasSize(8);
    }

    @Test
    void inboxPrintsTheConversationListInDisplayOrderLast() throws Exception {
        run(incoming("M1", "alice", "2026-11-20 10:00:00") + incoming("M2", "bob", "2026-11-20 10:05:00")
                + incoming("M3", "alice", "2026-11-20 10:01:00"), "--input", "-", "--inbox");
        List<JsonNode> lines = outputLines();
        JsonNode conversations = lines.get(lines.size() - 1).get("inbox").get("conversations");
        assertThat(conversations).hasSize(2);
        assertThat(conversations.get(0).get("sender_id").asText()).isEqualTo("bob");
        JsonNode alice = conversations.get(1);
        assertThat(fieldNames(alice))
                .isEqualTo(List.of("name", "sender_id", "platform", "last_message", "last_message_time", "unread_count"));
        assertThat(alice.get("unread_count").asInt()).isEqualTo(2);
        assertThat(alice.get("last_message_time").asText()).isEqualTo("2026-11-20 10:01:00");
    }

    @Test
    void theBuiltInScenarioRunsCleanAndShowsTheRules() throws Exception {
        assertThat(run("", "--inbox")).isEqualTo(0);
        List<JsonNode> lines = outputLines();
        List<String> events = lines.stream().filter(l -> l.has("event")).map(l -> l.get("event").asText()).toList();
        assertThat(java.util.Set.copyOf(events))
                .as("all eight events")
                .isEqualTo(java.util.Set.of("messenger:conversation_update", "messenger:message_update",
                        "messenger:unread_update", "messenger:message_status_update", "messenger:message_sent",
                        "messenger:message_auto_sent", "messenger:block_status_update",
                        "messenger:conversation_status_update"));
        for (String once : List.of("messenger:message_auto_sent", "messenger:block_status_update",
                "messenger:conversation_status_update")) {
            assertThat(events.stream().filter(once::equals).count()).as(once).isEqualTo(1);
        }
        assertThat(lines.get(lines.size() - 1).get("inbox").get("conversations"))
                .as("three conversations, one of them blocked")
                .hasSize(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("");
    }

    @Test
    void aConversationLineSavesThatConversationAndAnUnknownOneIsABadLine() throws Exception {
        String input = incoming("M1", "alice", "2026-11-20 10:00:00")
                + "{\"doctype\": \"Messenger Conversation\", \"name\": \"CONV-000001\", \"status\": \"Closed\"}\n"
                + "{\"doctype\": \"Messenger Conversation\", \"name\": \"CONV-404\", \"block_chat\": 1}\n"
                + "{\"doctype\": \"Messenger Conversation\", \"platform\": \"Messenger\", \"sender_id\": \"alice\", "
                + "\"block_chat\": 1}\n"
                + "{\"doctype\": \"Messenger Conversation\", \"platform\": \"Messenger\", \"sender_id\": \"bob\"}\n";

        assertThat(run(input, "--input", "-")).isEqualTo(1);
        List<JsonNode> lines = outputLines();
        JsonNode blocked = lines.get(lines.size() - 1);
        assertThat(blocked.get("event").asText())
                .as("found by platform and sender")
                .isEqualTo("messenger:block_status_update");
        JsonNode status = lines.get(lines.size() - 2);
        assertThat(status.get("event").asText()).isEqualTo("messenger:conversation_status_update");
        assertThat(status.get("message").get("status_log").get("status").asText()).isEqualTo("Closed");
        assertThat(status.get("message").get("version").asInt()).isEqualTo(5);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3: Messenger Conversation CONV-404 not found");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 5: no conversation of sender bob on Messenger");
    }

    @Test
    void aProviderRetryIsABadLineAndAnnouncesNothing() throws Exception {
        String first = "{\"name\": \"M1\", \"message_id\": \"m_1\", \"message\": \"hi\", \"sender_id\": \"a\", "
                + "\"timestamp\": \"2026-11-20 10:00:00\", \"message_direction\": \"Incoming\", "
                + "\"platform\": \"Messenger\"}\n";
        assertThat(run(first + first.replace("\"M1\"", "\"M2\""), "--input", "-")).isEqualTo(1);
        assertThat(outputLines()).hasSize(4);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                "line 2: Messenger Message M2: message_id 'm_1' on Messenger is already stored as M1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
