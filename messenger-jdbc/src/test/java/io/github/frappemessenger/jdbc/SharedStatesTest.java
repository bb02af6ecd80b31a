package io.github.frappemessenger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationStatusUpdate;
import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.fixtures.RecordingPublisher;
import io.github.frappemessenger.model.MessengerConversation;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The last seen block flag and status of a conversation live on its row: messengers on two pools (two processes, as
 * far as the database can tell) — or two JVMs — saving the same change announce it once, and a restarted store does
 * not announce again a status that did not change.
 */
class SharedStatesTest {
    private static final int ROUNDS = 6;
    private static final int THREADS_PER_MESSENGER = 3;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoPoolsRacingTheSameChangeAnnounceItExactlyOnce(TestDatabase database) throws Exception {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try (JdbcMessengerStore one = TestDatabase.open(url, prefix);
                JdbcMessengerStore two = TestDatabase.open(url, prefix)) {
            RecordingPublisher heard = new RecordingPublisher();
            List<Messenger> messengers = List.of(one.messenger().addPublisher(heard).build(),
                    two.messenger().addPublisher(heard).build());
            String conversation = messengers.get(0).save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"))
                    .message().conversation();
            heard.clear();

            int threads = messengers.size() * THREADS_PER_MESSENGER;
            CyclicBarrier together = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Messenger messenger = messengers.get(t % messengers.size());
                running.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        together.await(); // every thread saves the round's change at the same moment
                        messenger.saveConversation(Map.of("name", conversation, "status", statusOf(round),
                                "block_chat", round % 2 == 0 ? 1 : 0));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();

            List<String> statuses = new ArrayList<>();
            List<Boolean> blocks = new ArrayList<>();
            for (RealtimeEvent e : heard.events()) {
                MessengerEvent event = e.event();
                if (event instanceof ConversationStatusUpdate s) {
                    statuses.add(s.status());
                } else if (event instanceof BlockStatusUpdate b) {
                    blocks.add(b.blocked());
                }
            }
            List<String> expectedStatuses = new ArrayList<>();
            List<Boolean> expectedBlocks = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                expectedStatuses.add(statusOf(round));
                expectedBlocks.add(round % 2 == 0);
            }
            assertThat(statuses).as("each status change announced once, in order").isEqualTo(expectedStatuses);
            assertThat(blocks).as("each block change announced once, in order").isEqualTo(expectedBlocks);

            MessengerConversation stored = one.conversations().get(conversation).orElseThrow();
            assertThat(stored.status()).isEqualTo(statusOf(ROUNDS - 1));
            assertThat(stored.blockChat()).isEqualTo(ROUNDS % 2 == 1);
            assertThat(((List<?>) stored.extra().get("status_log"))).as("one log row per change").hasSize(ROUNDS);
            assertThat(one.pendingEvents()).isEqualTo(0);
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRestartedStoreDoesNotAnnounceAnUnchangedStatusAgain(TestDatabase database) {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try {
            String conversation;
            RecordingPublisher heard = new RecordingPublisher();
            try (JdbcMessengerStore first = TestDatabase.open(url, prefix)) {
                Messenger messenger = first.messenger().addPublisher(heard).build();
                conversation = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"))
                        .message().conversation();
                messenger.saveConversation(Map.of("name", conversation, "status", "Closed", "block_chat", 1));
            }
            assertThat(heard.names().subList(heard.names().size() - 2, heard.names().size()))
                    .isEqualTo(List.of("messenger:block_status_update", "messenger:conversation_status_update"));
            heard.clear();
            try (JdbcMessengerStore restarted = TestDatabase.open(url, prefix)) {
                Messenger messenger = restarted.messenger().addPublisher(heard).build();
                messenger.saveConversation(Map.of("name", conversation, "status", "Closed", "block_chat", 1,
                        "custom_note", "saved again"));
                assertThat(heard.names()).as("nothing changed since the last process announced it").isEqualTo(List.of());
                messenger.saveConversation(Map.of("name", conversation, "status", "Open"));
                assertThat(heard.names()).isEqualTo(List.of("messenger:conversation_status_update"));
                assertThat(restarted.conversations().get(conversation).orElseThrow().extra().get("custom_note"))
                        .isEqualTo("saved again");
            }
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aConversationSaveThatFailsLeavesTheStateForTheOtherProcessToAnnounce(TestDatabase database) {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try (JdbcMessengerStore one = TestDatabase.open(url, prefix);
                JdbcMessengerStore two = TestDatabase.open(url, prefix)) {
            RecordingPublisher heard = new RecordingPublisher();
            AtomicBoolean broken = new AtomicBoolean(true);
            Messenger failing = one.messenger().addPublisher(heard).roomPolicy(conversation -> {
                if (broken.get()) {
                    throw new IllegalStateException("room policy down");
                }
                return List.of(Room.all());
            }).build();
            String conversation = two.messenger().build()
                    .save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")).message().conversation();

            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> failing.saveConversation(Map.of("name", conversation, "status", "Closed")));
            assertThat(heard.names()).isEqualTo(List.of());
            assertThat(two.conversations().get(conversation).orElseThrow().status()).as("rolled back").isEqualTo("Open");
            assertThat(one.pendingEvents()).isEqualTo(0);

            two.messenger().addPublisher(heard).build()
                    .saveConversation(Map.of("name", conversation, "status", "Closed"));
            assertThat(heard.names())
                    .as("the failed save left the state it found, so the other process announces the change")
                    .isEqualTo(List.of("messenger:conversation_status_update"));
            broken.set(false);
            failing.saveConversation(Map.of("name", conversation, "status", "Closed"));
            assertThat(heard.names()).as("and only once").isEqualTo(List.of("messenger:conversation_status_update"));
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aConversationStoredBeforeMigrationV4ComparesWithItsStoredDoc(TestDatabase database) throws Exception {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try (JdbcMessengerStore store = TestDatabase.open(url, prefix)) {
            RecordingPublisher heard = new RecordingPublisher();
            Messenger messenger = store.messenger().addPublisher(heard).build();
            String conversation = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"))
                    .message().conversation();
            messenger.saveConversation(Map.of("name", conversation, "status", "Closed", "block_chat", 1));
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                // as an earlier release left it: the change announced, the columns not there yet
                s.executeUpdate("UPDATE " + store.table("conversation")
                        + " SET seen_block_chat = NULL, seen_status = NULL");
            }
            heard.clear();

            messenger.saveConversation(Map.of("name", conversation, "status", "Closed", "block_chat", 1,
                    "custom_note", "saved again"));
            assertThat(heard.names())
                    .as("the doc before the save held the same block flag and status")
                    .isEqualTo(List.of());
            messenger.saveConversation(Map.of("name", conversation, "block_chat", 0));
            assertThat(heard.names()).isEqualTo(List.of("messenger:block_status_update"));
            MessengerConversation stored = store.conversations().get(conversation).orElseThrow();
            assertThat(stored.status()).isEqualTo("Closed");
            assertThat(stored.blockChat()).isFalse();
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoProcessesSavingTheSameStatusChangesAnnounceEachOnce(TestDatabase database) throws Exception {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try (JdbcMessengerStore store = TestDatabase.open(url, prefix)) {
            String conversation = store.messenger().build()
                    .save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")).message().conversation();
            try (Child a = new Child("status", url, prefix, conversation, String.valueOf(ROUNDS));
                    Child b = new Child("status", url, prefix, conversation, String.valueOf(ROUNDS))) {
                a.await("ready", 120);
                b.await("ready", 120);
                for (int round = 0; round < ROUNDS; round++) {
                    a.tell("go");
                    b.tell("go");
                    a.await("saved", 120);
                    b.await("saved", 120);
                }
                int announced = announced(a.line(60)) + announced(b.line(60));
                assertThat(announced)
                        .as("one conversation_status_update per change, from either process")
                        .isEqualTo(ROUNDS);
                assertThat(a.waitFor(60)).isEqualTo(0);
                assertThat(b.waitFor(60)).isEqualTo(0);
            }
            assertThat(store.conversations().get(conversation).orElseThrow().status()).isEqualTo(statusOf(ROUNDS - 1));
            assertThat(store.pendingEvents()).isEqualTo(0);
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }

    /** Closed, Open, Closed, ...: a change in every round. */
    static String statusOf(int round) {
        return round % 2 == 0 ? "Closed" : "Open";
    }

    private static int announced(String line) {
        if (line == null || !line.startsWith("announced ")) {
            throw new AssertionError("child said " + line + " instead of its count");
        }
        return Integer.parseInt(line.substring("announced ".length()));
    }
}
