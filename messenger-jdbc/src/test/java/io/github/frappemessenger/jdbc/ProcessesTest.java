package io.github.frappemessenger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(a.waitFor(60)).isEqualTo(0);
            assertThat(b.waitFor(60)).isEqualTo(0);

            List<MessengerConversation> all = StoreRows.conversations(store).all();
            assertThat(all).hasSize(SENDERS);
            Set<String> senders = new HashSet<>();
            for (MessengerConversation c : all) {
                senders.add(c.platform() + "/" + c.senderId());
                assertThat(store.messages().countUnread(c.name())).as(c.senderId()).isEqualTo(2);
            }
            assertThat(senders).hasSize(SENDERS);
            assertThat(StoreRows.messages(store).size()).isEqualTo(2 * SENDERS);
            assertThat(store.pendingEvents()).isEqualTo(0);
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
                assertThat(StoreRows.messages(restarted).size()).as("the save was committed").isEqualTo(1);

                assertThat(messenger.relayPending()).isEqualTo(4);
                assertThat(heard.names())
                        .isEqualTo(List.of("messenger:conversation_update", "messenger:message_update",
                        "messenger:unread_update", "messenger:message_status_update"));
                assertThat(messenger.relayPending()).isEqualTo(0);
                assertThat(heard.events()).as("published once").hasSize(4);
            }
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }
}
