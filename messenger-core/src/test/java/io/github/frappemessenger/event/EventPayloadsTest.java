package io.github.frappemessenger.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.internal.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The eight events' payloads, byte for byte as docs/events.md shows them: an incoming message, an auto-generated
 * reply, then an agent blocking the conversation and closing it.
 */
class EventPayloadsTest {
    static final String CONVERSATION = "{\"name\":\"CONV-000001\",\"sender_id\":\"42\",\"platform\":\"Messenger\","
            + "\"last_message\":\"hi\",\"last_message_time\":\"2026-11-20 10:00:00\",\"block_chat\":0,"
            + "\"status\":\"Open\",\"doctype\":\"Messenger Conversation\",\"owner\":\"Administrator\","
            + "\"creation\":\"2026-11-20 10:05:00\",\"modified\":\"2026-11-20 10:05:00\","
            + "\"modified_by\":\"Administrator\",\"docstatus\":0,\"idx\":0}";
    static final String MESSAGE = "{\"name\":\"MSG-1\",\"message_id\":\"mid-MSG-1\",\"message\":\"hi\","
            + "\"sender_id\":\"42\",\"sender_user\":null,\"timestamp\":\"2026-11-20 10:00:00\","
            + "\"message_direction\":\"Incoming\",\"conversation\":\"CONV-000001\",\"is_read\":0,"
            + "\"content_type\":\"text\",\"attach\":null,\"status\":\"received\",\"platform\":\"Messenger\","
            + "\"doctype\":\"Messenger Message\",\"owner\":\"Administrator\",\"creation\":\"2026-11-20 10:05:00\","
            + "\"modified\":\"2026-11-20 10:05:00\",\"modified_by\":\"Administrator\",\"docstatus\":0,\"idx\":0}";

    private final EventJson json = new EventJson();
    private final List<String> lines = new ArrayList<>();
    private final EmbeddedMessenger messenger = EmbeddedMessenger.builder()
            .clock(Clock.fixed(Instant.parse("2026-11-20T10:05:00Z"), ZoneOffset.UTC))
            .publisher(e -> lines.add(json.toWireJson(e)))
            .build();

    private void incomingAutoReplyBlockAndClose() {
        messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        messenger.save(Docs.with(Docs.outgoing("MSG-2", "42", "Thanks, we reply within the hour.",
                "2026-11-20 10:00:01"), "is_auto_generated_outgoing_message", 1));
        messenger.saveConversation(Map.of("name", "CONV-000001", "block_chat", 1));
        messenger.saveConversation(Map.of("name", "CONV-000001", "status", "Closed"));
    }

    @Test
    void everyEventOfAnIncomingMessageAnAutoReplyABlockAndAClose() {
        incomingAutoReplyBlockAndClose();

        assertThat(lines.get(0))
                .isEqualTo("{\"event\":\"messenger:conversation_update\",\"room\":\"all\",\"message\":{\"conversation\":"
                + CONVERSATION + ",\"type\":\"update\",\"version\":1}}");
        assertThat(lines.get(1))
                .isEqualTo("{\"event\":\"messenger:message_update\",\"room\":\"all\",\"message\":{\"message\":" + MESSAGE
                + ",\"conversation_id\":\"CONV-000001\",\"type\":\"new\",\"version\":2}}");
        assertThat(lines.get(2))
                .isEqualTo("{\"event\":\"messenger:unread_update\",\"room\":\"all\",\"message\":{\"conversation_id\":"
                + "\"CONV-000001\",\"unread_count\":1,\"version\":3}}");
        assertThat(lines.get(3))
                .isEqualTo("{\"event\":\"messenger:message_status_update\",\"room\":\"all\",\"message\":{\"message_id\":"
                + "\"mid-MSG-1\",\"status\":\"received\",\"name\":\"MSG-1\",\"conversation_id\":\"CONV-000001\","
                + "\"version\":4}}");
        String reply = "{\"name\":\"MSG-2\",\"message_id\":\"mid-MSG-2\",\"message\":"
                + "\"Thanks, we reply within the hour.\",\"sender_id\":\"42\",\"sender_user\":\"agent@example.com\","
                + "\"timestamp\":\"2026-11-20 10:00:01\",\"message_direction\":\"Outgoing\",\"conversation\":"
                + "\"CONV-000001\",\"is_read\":1,\"content_type\":\"text\",\"attach\":null,\"status\":\"sent\","
                + "\"platform\":\"Messenger\",\"doctype\":\"Messenger Message\","
                + "\"is_auto_generated_outgoing_message\":1,\"owner\":\"Administrator\","
                + "\"creation\":\"2026-11-20 10:05:00\",\"modified\":\"2026-11-20 10:05:00\","
                + "\"modified_by\":\"Administrator\",\"docstatus\":0,\"idx\":0}";
        assertThat(lines.get(4))
                .isEqualTo("{\"event\":\"messenger:message_sent\",\"room\":\"all\",\"message\":{\"conversation_id\":"
                + "\"CONV-000001\",\"message\":" + reply + ",\"version\":5}}");
        assertThat(event(lines.get(5))).isEqualTo("messenger:conversation_update");
        assertThat(lines.get(6))
                .isEqualTo("{\"event\":\"messenger:message_auto_sent\",\"room\":\"all\",\"message\":{\"message\":" + reply
                + ",\"conversation_id\":\"CONV-000001\",\"type\":\"new\",\"version\":7}}");
        assertThat(event(lines.get(7))).isEqualTo("messenger:message_status_update");
        assertThat(lines.get(8))
                .isEqualTo("{\"event\":\"messenger:block_status_update\",\"room\":\"all\",\"message\":{\"conversation_id\":"
                + "\"CONV-000001\",\"blocked\":1,\"version\":9}}");
        assertThat(lines.get(9))
                .isEqualTo("{\"event\":\"messenger:conversation_status_update\",\"room\":\"all\",\"message\":"
                + "{\"conversation_id\":\"CONV-000001\",\"status\":\"Closed\",\"status_log\":{\"status\":\"Closed\","
                + "\"changed_on\":\"2026-11-20 10:05:00\",\"changed_by\":\"Administrator\"},\"version\":10}}");
        assertThat(lines).hasSize(10);
    }

    /** docs/events.md shows these payloads; its {@code {...}} stands for a doc shown in full before. */
    @Test
    void docsEventsMdShowsTheseExactPayloads() throws Exception {
        incomingAutoReplyBlockAndClose();
        String guide = Files.readString(Path.of("../docs/events.md"));
        int from = guide.indexOf("```json\n", guide.indexOf("These are the exact payloads of `EventPayloadsTest`"));
        String block = guide.substring(from + "```json\n".length(), guide.indexOf("```", from + 7));
        List<String> shown = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (line.startsWith(" ")) { // a payload wrapped onto the next line
                shown.set(shown.size() - 1, shown.get(shown.size() - 1) + line.substring(1));
            } else {
                shown.add(line);
            }
        }
        assertThat(shown).as("one line per event:\n" + String.join("\n", shown)).hasSize(lines.size());
        for (int i = 0; i < shown.size(); i++) {
            String pattern = Pattern.quote(shown.get(i)).replace("{...}", "\\E\\{[^{}]*\\}\\Q");
            assertThat(lines.get(i))
                    .as("docs/events.md shows\n" + shown.get(i) + "\nthe messenger sent\n"
                    + lines.get(i))
                    .matches(pattern);
        }
    }

    private static String event(String line) {
        return line.substring("{\"event\":\"".length(), line.indexOf("\",\"room\""));
    }
}
