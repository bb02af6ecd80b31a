package io.github.frappemessenger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessengerDocsTest {
    @Test
    void aMessageDefaultsToAnIncomingUnreadTextNotYetInAConversation() {
        Map<String, Object> doc = MessengerDocs.message("M-1").build();

        assertThat(doc).containsEntry("doctype", "Messenger Message").containsEntry("message_direction", "Incoming")
                .containsEntry("is_read", 0).containsEntry("conversation", null).containsEntry("status", "received");
    }

    @Test
    void anAgentsReplyIsOutgoingReadAndSentByTheAgent() {
        Map<String, Object> doc = MessengerDocs.message("M-2").outgoing("agent@example.com").in("CONV-1").build();

        assertThat(doc).containsEntry("message_direction", "Outgoing").containsEntry("is_read", 1)
                .containsEntry("sender_user", "agent@example.com").containsEntry("conversation", "CONV-1");
    }

    @Test
    void savedPutsFrappesStampsRightAfterTheNameAndEachBuildIsANewMap() {
        MessengerDocs builder = MessengerDocs.conversation("CONV-1").saved("2026-11-20 10:00:00.000001");
        Map<String, Object> first = builder.build();
        first.put("status", "Closed");

        assertThat(first.keySet()).startsWith("name", "owner", "creation", "modified", "modified_by");
        assertThat(builder.build()).containsEntry("status", "Open").containsEntry("doctype", "Messenger Conversation");
    }
}
