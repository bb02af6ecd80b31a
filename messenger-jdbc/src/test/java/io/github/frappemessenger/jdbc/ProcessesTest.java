package io.github.frappemessenger.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.fixtures.RecordingPublisher;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two JVMs on one database; a JVM killed between a commit and its publication. */
class ProcessesTest {
    private static final int SENDERS = 1_000;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoProcessesSavingForTheSameSendersMakeExactlyOneConversationEach(TestDatabase database) throws Exception {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try (JdbcMessengerStore store = TestDatabase.open(url, prefix);
                Child a = new Child("save", url, prefix, "a", String.valueOf(SENDERS));
                Child b = new Child("save", url, prefix, "b", String.valueOf(SENDERS))) {
            a.await("ready", 120);
            b.await("ready", 120);
            a.await("done", 300);
            b.await("done", 300);
            assertEquals(0, a.waitFor(60));
            assertEquals(0, b.waitFor(60));

            List<MessengerConversation> all = StoreRows.conversations(store).all();
            assertEquals(SENDERS, all.size());
            Set<String> senders = new HashSet<>();
            for (MessengerConversation c : all) {
                senders.add(c.platform() + "/" + c.senderId());
                assertEquals(2, store.messages().countUnread(c.name()), c.senderId());
            }
            assertEquals(SENDERS, senders.size());
            assertEquals(2 * SENDERS, StoreRows.messages(store).size());
            assertEquals(0, store.pendingEvents());
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eventsOfAProcessKilledBetweenCommitAndPublishAreRepublishedOnRestartOnce(TestDatabase database)
            throws Exception {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try {
            try (Child crashing = new Child("crash", url, prefix)) {
                crashing.await("publishing", 120);
                crashing.kill();
            }
            try (JdbcMessengerStore restarted = TestDatabase.open(url, prefix)) {
                RecordingPublisher heard = new RecordingPublisher();
                Messenger messenger = restarted.messenger().addPublisher(heard).build();
                assertEquals(1, StoreRows.messages(restarted).size(), "the save was committed");

                assertEquals(4, messenger.relayPending());
                assertEquals(List.of("messenger:conversation_update", "messenger:message_update",
                        "messenger:unread_update", "messenger:message_status_update"), heard.names());
                assertEquals(0, messenger.relayPending());
                assertEquals(4, heard.events().size(), "published once");
            }
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }
}
