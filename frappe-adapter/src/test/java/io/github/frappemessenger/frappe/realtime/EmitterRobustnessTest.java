package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

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
            assertThat(emitter.senderRestarts()).isEqualTo(2);
            assertThat(emitter.senderAlive()).isTrue();
            assertThat(emitter.sentCount()).isEqualTo(3);
            List<String> received = subscriber.messages();
            for (int i = 0; i < 3; i++) {
                assertThat(received.get(i)).contains("\"unread_count\":" + (i + 1));
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

            EmitterFullException full = assertThatExceptionOfType(EmitterFullException.class)
                    .isThrownBy(() -> emitter.publishAll(List.of(unread(4), unread(5)))).actual();

            assertThat(full.getMessage()).contains("full");
            assertThat(emitter.pendingCount()).as("none of the refused publish was taken").isEqualTo(3);
            assertThat(emitter.droppedCount()).isEqualTo(2);
            assertThat(emitter.sentUpTo(emitter.publishedMark())).as("Redis is unreachable: nothing sent").isFalse();
        }
    }

    @Test
    void aMarkIsReachedOnceRedisAcknowledgedEveryEventBeforeIt() throws Exception {
        try (RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379")
                .siteName(SITE).channel(channel).build()) {
            emitter.publishAll(List.of(unread(1), unread(2)));
            long mark = emitter.publishedMark();

            assertThat(mark).isEqualTo(2);
            assertThat(emitter.awaitSentUpTo(mark, Duration.ofSeconds(10))).isTrue();
            assertThat(emitter.sentUpTo(mark)).isTrue();
            assertThat(emitter.sentUpTo(mark + 1)).isFalse();
        }
    }

    @Test
    void aClosedEmitterReportsItsSenderDown() {
        RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379")
                .siteName(SITE).channel(channel).build();
        assertThat(emitter.senderAlive()).isTrue();

        emitter.close();

        assertThat(emitter.senderAlive()).isFalse();
    }
}
