package io.github.frappemessenger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.fixtures.RecordingPublisher;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcMessengerStore#close} while saves are running: it waits for the running transaction, refuses new ones,
 * and leaves an SQLite file that the next store opens at once (a connection closed under a running transaction used
 * to keep the file locked, and the next open failed with SQLITE_BUSY in its migration).
 */
class StoreCloseTest {
    private static final int ROUNDS = 25;

    @Test
    void aStoreClosedUnderRunningSavesLeavesTheFileOpenableAndLosesNoCommittedSave() throws Exception {
        String url = TestDatabase.SQLITE.newUrl();
        String prefix = TestDatabase.newPrefix();
        AtomicInteger saved = new AtomicInteger();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                JdbcMessengerStore store = TestDatabase.open(url, prefix);
                Messenger messenger = store.messenger().addPublisher(new RecordingPublisher()).build();
                int r = round;
                Thread saver = new Thread(() -> saveUntilRefused(messenger, r, saved));
                saver.start();
                while (saved.get() < (round + 1) * 3 && saver.isAlive()) {
                    Thread.sleep(1);
                }
                store.close();
                saver.join(30_000);
                assertThat(saver.isAlive()).as("a save after close is refused, so the saver stops").isFalse();
                assertThatExceptionOfType(IllegalStateException.class)
                        .isThrownBy(() -> messenger.save(message("late", 0)));
            }
            try (JdbcMessengerStore reopened = TestDatabase.open(url, prefix)) {
                assertThat(StoreRows.messages(reopened).size()).as("every save that returned is stored").isEqualTo(saved.get());
                RecordingPublisher heard = new RecordingPublisher();
                reopened.messenger().addPublisher(heard).build().relayPending();
                assertThat(reopened.pendingEvents())
                        .as("events left in the outbox go out after the restart")
                        .isEqualTo(0);
            }
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }

    private static void saveUntilRefused(Messenger messenger, int round, AtomicInteger saved) {
        for (int k = 0; ; k++) {
            try {
                messenger.save(message(round + "-" + k, k));
            } catch (IllegalStateException closed) {
                return;
            }
            saved.incrementAndGet();
        }
    }

    private static Map<String, Object> message(String name, int k) {
        return Map.of("name", "m" + name, "platform", "WhatsApp", "sender_id", "s" + (k % 7),
                "message_direction", "Incoming", "message", "hi", "timestamp", "2025-01-01 10:00:00");
    }
}
