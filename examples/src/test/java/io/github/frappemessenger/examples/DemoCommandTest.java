package io.github.frappemessenger.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals(0, code);
        List<JsonNode> lines = outputLines();
        assertEquals(List.of("messenger:conversation_update", "messenger:message_update", "messenger:unread_update",
                "messenger:message_status_update"), lines.stream().map(l -> l.get("event").asText()).toList());
        for (JsonNode line : lines) {
            assertEquals(List.of("event", "room", "message"), fieldNames(line));
            assertEquals("all", line.get("room").asText());
        }
        assertEquals(1, lines.get(2).get("message").get("unread_count").asInt());
    }

    @Test
    void aNameSeenBeforeIsAnUpdateOfThatMessage() throws Exception {
        run(incoming("M1", "alice", "2026-11-20 10:00:00") + "{\"name\": \"M1\", \"is_read\": 1}\n", "--input", "-");
        List<JsonNode> lines = outputLines();
        assertEquals(8, lines.size());
        assertEquals(0, lines.get(6).get("message").get("unread_count").asInt());
        assertEquals("hi M1", lines.get(5).get("message").get("message").get("message").asText());
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

        assertEquals(1, code);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("line 2: not a JSON object"), errors);
        assertTrue(errors.contains("line 3: Messenger Message M2: sender_id is required"), errors);
        assertTrue(errors.contains("line 5: the doc has no 'name'"), errors);
        assertTrue(errors.contains("line 6: not a JSON object"), errors);
        assertEquals(8, outputLines().size(), "the good lines around the bad ones still ran");
    }

    @Test
    void inboxPrintsTheConversationListInDisplayOrderLast() throws Exception {
        run(incoming("M1", "alice", "2026-11-20 10:00:00") + incoming("M2", "bob", "2026-11-20 10:05:00")
                + incoming("M3", "alice", "2026-11-20 10:01:00"), "--input", "-", "--inbox");
        List<JsonNode> lines = outputLines();
        JsonNode conversations = lines.get(lines.size() - 1).get("inbox").get("conversations");
        assertEquals(2, conversations.size());
        assertEquals("bob", conversations.get(0).get("sender_id").asText());
        JsonNode alice = conversations.get(1);
        assertEquals(List.of("name", "sender_id", "platform", "last_message", "last_message_time", "unread_count"),
                fieldNames(alice));
        assertEquals(2, alice.get("unread_count").asInt());
        assertEquals("2026-11-20 10:01:00", alice.get("last_message_time").asText());
    }

    @Test
    void theBuiltInScenarioRunsCleanAndShowsTheRules() throws Exception {
        assertEquals(0, run("", "--inbox"));
        List<JsonNode> lines = outputLines();
        List<String> events = lines.stream().filter(l -> l.has("event")).map(l -> l.get("event").asText()).toList();
        assertEquals(java.util.Set.of("messenger:conversation_update", "messenger:message_update",
                "messenger:unread_update", "messenger:message_status_update", "messenger:message_sent",
                "messenger:message_auto_sent", "messenger:block_status_update",
                "messenger:conversation_status_update"), java.util.Set.copyOf(events), "all eight events");
        for (String once : List.of("messenger:message_auto_sent", "messenger:block_status_update",
                "messenger:conversation_status_update")) {
            assertEquals(1, events.stream().filter(once::equals).count(), once);
        }
        assertEquals(2, lines.get(lines.size() - 1).get("inbox").get("conversations").size(),
                "three conversations, one of them blocked");
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aConversationLineSavesThatConversationAndAnUnknownOneIsABadLine() throws Exception {
        String input = incoming("M1", "alice", "2026-11-20 10:00:00")
                + "{\"doctype\": \"Messenger Conversation\", \"name\": \"CONV-000001\", \"status\": \"Closed\"}\n"
                + "{\"doctype\": \"Messenger Conversation\", \"name\": \"CONV-404\", \"block_chat\": 1}\n"
                + "{\"doctype\": \"Messenger Conversation\", \"platform\": \"Messenger\", \"sender_id\": \"alice\", "
                + "\"block_chat\": 1}\n"
                + "{\"doctype\": \"Messenger Conversation\", \"platform\": \"Messenger\", \"sender_id\": \"bob\"}\n";

        assertEquals(1, run(input, "--input", "-"));
        List<JsonNode> lines = outputLines();
        JsonNode blocked = lines.get(lines.size() - 1);
        assertEquals("messenger:block_status_update", blocked.get("event").asText(), "found by platform and sender");
        JsonNode status = lines.get(lines.size() - 2);
        assertEquals("messenger:conversation_status_update", status.get("event").asText());
        assertEquals("Closed", status.get("message").get("status_log").get("status").asText());
        assertEquals(5, status.get("message").get("version").asInt());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 3: Messenger Conversation CONV-404 not found"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 5: no conversation of sender bob on Messenger"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aProviderRetryIsABadLineAndAnnouncesNothing() throws Exception {
        String first = "{\"name\": \"M1\", \"message_id\": \"m_1\", \"message\": \"hi\", \"sender_id\": \"a\", "
                + "\"timestamp\": \"2026-11-20 10:00:00\", \"message_direction\": \"Incoming\", "
                + "\"platform\": \"Messenger\"}\n";
        assertEquals(1, run(first + first.replace("\"M1\"", "\"M2\""), "--input", "-"));
        assertEquals(4, outputLines().size());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "line 2: Messenger Message M2: message_id 'm_1' on Messenger is already stored as M1"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
