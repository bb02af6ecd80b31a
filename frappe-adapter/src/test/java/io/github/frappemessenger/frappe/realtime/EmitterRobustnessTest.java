package io.github.frappemessenger.frappe.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sender thread outlives Errors; a full buffer refuses instead of dropping; marks tell what Redis has. */
class EmitterRobustnessTest {
    private static final String SITE = "robust.example.com";
    private final String channel = "robust-" + UUID.randomUUID();

    private static RealtimeEvent unread(int n) {
        return RealtimeEvent.toAll(new UnreadUpdate("CONV-1", n));
    }

    @Test
    void theSenderIsRestartedAfterAnOutOfMemoryErrorAndSendsEverythingInOrder() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        try (RedisSubscriber subscriber = RedisSubscriber.subscribe(6379, channel);
             RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379")
                     .siteName(SITE).channel(channel).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                     .beforeEachBatch(() -> {
                         if (batches.incrementAndGet() <= 2) {
                             throw new OutOfMemoryError("Java heap space (injected)");
                         }
                     }).build()) {
            emitter.publishAll(List.of(unread(1), unread(2), unread(3)));

            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.count() == 3);
            assertEquals(2, emitter.senderRestarts());
            assertTrue(emitter.senderAlive());
            assertEquals(3, emitter.sentCount());
            List<String> received = subscriber.messages();
            for (int i = 0; i < 3; i++) {
                assertTrue(received.get(i).contains("\"unread_count\":" + (i + 1)), received.get(i));
            }
        }
    }

    @Test
    void aFullEmitterThatRefusesTakesNoneOfAPublishAndSaysSo() {
        try (RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder()
                .redisUri("redis://127.0.0.1:" + FreePort.pick()).siteName(SITE).channel(channel).bufferCapacity(4)
                .refuseWhenFull(true).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .closeTimeout(Duration.ofMillis(50)).build()) {
            emitter.publishAll(List.of(unread(1), unread(2), unread(3)));

            EmitterFullException full = assertThrows(EmitterFullException.class,
                    () -> emitter.publishAll(List.of(unread(4), unread(5))));

            assertTrue(full.getMessage().contains("full"), full.getMessage());
            assertEquals(3, emitter.pendingCount(), "none of the refused publish was taken");
            assertEquals(2, emitter.droppedCount());
            assertFalse(emitter.sentUpTo(emitter.publishedMark()), "Redis is unreachable: nothing sent");
        }
    }

    @Test
    void aMarkIsReachedOnceRedisAcknowledgedEveryEventBeforeIt() throws Exception {
        try (RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379")
                .siteName(SITE).channel(channel).build()) {
            emitter.publishAll(List.of(unread(1), unread(2)));
            long mark = emitter.publishedMark();

            assertEquals(2, mark);
            assertTrue(emitter.awaitSentUpTo(mark, Duration.ofSeconds(10)));
            assertTrue(emitter.sentUpTo(mark));
            assertFalse(emitter.sentUpTo(mark + 1));
        }
    }

    @Test
    void aClosedEmitterReportsItsSenderDown() {
        RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379")
                .siteName(SITE).channel(channel).build();
        assertTrue(emitter.senderAlive());

        emitter.close();

        assertFalse(emitter.senderAlive());
    }
}
