package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.model.MessengerConversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Against the shared Redis on 127.0.0.1:6379, each test on a channel of its own. */
class RedisRealtimeEmitterTest {
    private static final String SITE = "crm.example.test";
    private final ObjectMapper mapper = new ObjectMapper();
    private final String channel = "events-emitter-test-" + UUID.randomUUID();

    private RedisRealtimeEmitter.Builder emitter() {
        return RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379").siteName(SITE).channel(channel);
    }

    @Test
    void publishesExactlyWhatFrappePublishRealtimePublishes() throws Exception {
        MessengerConversation conversation = new MessengerConversation("CONV-0001", "psid-42", "Facebook", "hello",
                FrappeDates.parse("2024-05-01 10:00:00"), false, "Open", Map.of());
        try (RedisSubscriber frappeRealtime = RedisSubscriber.subscribe(6379, channel);
             RedisRealtimeEmitter emitter = emitter().build()) {
            emitter.publish(RealtimeEvent.toAll(new ConversationUpdate(conversation)));
            emitter.publish(new RealtimeEvent(new UnreadUpdate("CONV-0001", 2), Room.user("agent@example.com")));

            await().until(() -> frappeRealtime.count() == 2);
            List<String> received = frappeRealtime.messages();
            assertThat(mapper.readTree(received.get(0))).isEqualTo(mapper.readTree("""
                    {"event": "messenger:conversation_update",
                     "message": {"conversation": {"name": "CONV-0001", "sender_id": "psid-42", "platform": "Facebook",
                                                  "last_message": "hello", "last_message_time": "2024-05-01 10:00:00",
                                                  "block_chat": 0, "status": "Open"},
                                 "type": "update"},
                     "room": "all", "namespace": "crm.example.test"}"""));
            assertThat(mapper.readTree(received.get(1))).isEqualTo(mapper.readTree("""
                    {"event": "messenger:unread_update", "message": {"conversation_id": "CONV-0001", "unread_count": 2},
                     "room": "user:agent@example.com", "namespace": "crm.example.test"}"""));
            assertThat(emitter.sentCount()).isEqualTo(2);
        }
    }

    @Test
    void aBatchOfLargeEventsArrivesWholeAndInOrder() throws Exception {
        // Messages of ~1 MiB: a batch of them far larger than the sender's write buffer, and each text larger too.
        String large = "x".repeat(1_000_000);
        try (RedisSubscriber subscriber = RedisSubscriber.subscribe(6379, channel);
             RedisRealtimeEmitter emitter = emitter().build()) {
            List<RealtimeEvent> events = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                MessengerConversation c = new MessengerConversation("CONV-" + i, "psid-" + i, "Facebook",
                        i % 2 == 0 ? large : "small " + i, FrappeDates.parse("2024-05-01 10:00:00"), false, "Open",
                        Map.of());
                events.add(RealtimeEvent.toAll(new ConversationUpdate(c)));
            }
            emitter.publishAll(events);
            assertThat(emitter.flush(Duration.ofSeconds(30))).as("buffer drained").isTrue();

            await().until(() -> subscriber.count() == 6);
            List<String> received = subscriber.messages();
            for (int i = 0; i < 6; i++) {
                assertThat(mapper.readTree(received.get(i)).at("/message/conversation/last_message").asText())
                        .isEqualTo(i % 2 == 0 ? large : "small " + i);
            }
        }
    }

    @Test
    void keepsTheOrderOfABurstOfTenThousandEvents() throws Exception {
        int n = 10_000;
        try (RedisSubscriber subscriber = RedisSubscriber.subscribe(6379, channel);
             RedisRealtimeEmitter emitter = emitter().bufferCapacity(n).build()) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                emitter.publish(RealtimeEvent.toAll(new UnreadUpdate("CONV-1", i)));
            }
            assertThat(emitter.flush(Duration.ofSeconds(60))).as("buffer drained").isTrue();
            long micros = (System.nanoTime() - start) / 1_000;
            System.out.printf("emitter: %d events published and flushed in %d ms%n", n, micros / 1_000);

            await().until(() -> subscriber.count() == n);
            List<String> received = subscriber.messages();
            for (int i = 0; i < n; i++) {
                assertThat(mapper.readTree(received.get(i)).at("/message/unread_count").asInt())
                        .as("event " + i).isEqualTo(i);
            }
            assertThat(emitter.sentCount()).isEqualTo(n);
            assertThat(emitter.droppedCount()).isEqualTo(0);
        }
    }

    /**
     * Two batches in flight: the sender writes the next batch before it reads the replies of the one before, so Redis
     * is never left waiting while the sender reads (issue 13). Seen from the hook that runs before each batch is
     * written: when the second batch goes out, none of the first is acknowledged yet.
     */
    @Test
    void writesTheNextBatchBeforeReadingTheRepliesOfTheOneInFlightAndStillDeliversAllInOrder() throws Exception {
        List<Long> acknowledgedBeforeEachBatch = new CopyOnWriteArrayList<>();
        AtomicReference<RedisRealtimeEmitter> emitterRef = new AtomicReference<>(); // for the hook
        try (RedisSubscriber subscriber = RedisSubscriber.subscribe(6379, channel);
             RedisRealtimeEmitter emitter = emitter().batchSize(100).bufferCapacity(1_000)
                     .beforeEachBatch(() -> acknowledgedBeforeEachBatch.add(emitterRef.get().sentCount())).build()) {
            emitterRef.set(emitter);
            List<RealtimeEvent> events = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                events.add(RealtimeEvent.toAll(new UnreadUpdate("CONV-1", i)));
            }
            emitter.publishAll(events); // all buffered before the sender takes its first batch

            assertThat(emitter.flush(Duration.ofSeconds(30))).isTrue();
            await().until(() -> subscriber.count() == 300);
            List<String> received = subscriber.messages();
            for (int i = 0; i < 300; i++) {
                assertThat(mapper.readTree(received.get(i)).at("/message/unread_count").asInt())
                        .as("event " + i).isEqualTo(i);
            }
            assertThat(acknowledgedBeforeEachBatch)
                    .as("batch 2 written with batch 1 in flight, batch 3 once batch 1 was acknowledged")
                    .isEqualTo(List.of(0L, 0L, 100L));
            assertThat(emitter.sentCount()).isEqualTo(300);
        }
    }

    @Test
    void manyThreadsPublishingKeepEachThreadsOrderAndLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 1_000;
        try (RedisSubscriber subscriber = RedisSubscriber.subscribe(6379, channel);
             RedisRealtimeEmitter emitter = emitter().batchSize(64).build()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String conversation = "CONV-" + t;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        emitter.publish(RealtimeEvent.toAll(new UnreadUpdate(conversation, i)));
                    }
                });
                thread.start();
                publishers.add(thread);
            }
            go.countDown();
            for (Thread thread : publishers) {
                thread.join();
            }

            await().until(() -> subscriber.count() == threads * perThread);
            Map<String, Integer> next = new HashMap<>();
            for (String text : subscriber.messages()) {
                JsonNode message = mapper.readTree(text).get("message");
                String conversation = message.get("conversation_id").asText();
                int expected = next.getOrDefault(conversation, 0);
                assertThat(message.get("unread_count").asInt()).as(conversation).isEqualTo(expected);
                next.put(conversation, expected + 1);
            }
            assertThat(next).hasSize(threads);
            assertThat(emitter.sentCount()).isEqualTo(threads * perThread);
        }
    }

    @Test
    void countsEveryEventPastTheBoundWhileRedisIsDown() {
        int nobodyListens = FreePort.pick();
        try (RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder()
                .redisUri("redis://127.0.0.1:" + nobodyListens).siteName(SITE).channel(channel)
                .bufferCapacity(10).batchSize(4).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .closeTimeout(Duration.ofMillis(200)).build()) {
            for (int i = 0; i < 25; i++) {
                emitter.publish(RealtimeEvent.toAll(new UnreadUpdate("CONV-1", i)));
            }
            assertThat(emitter.droppedCount()).isEqualTo(15);
            assertThat(emitter.pendingCount()).isEqualTo(10);
            assertThat(emitter.flush(Duration.ofMillis(300))).as("nothing can be sent").isFalse();

            emitter.close();
            assertThat(emitter.droppedCount())
                    .as("the 10 still buffered at close are reported as dropped too").isEqualTo(25);
            assertThat(emitter.sentCount()).isEqualTo(0);
        }
    }

    @Test
    void neverShowsTheRedisPassword() {
        try (RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder()
                .redisUri("redis://default:s3cret@127.0.0.1:" + FreePort.pick() + "/0").siteName(SITE)
                .closeTimeout(Duration.ofMillis(10)).build()) {
            assertThat(emitter.toString()).doesNotContain("s3cret");
            assertThat(emitter.toString()).contains("default:***@127.0.0.1");
        }
        IllegalArgumentException bad = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> RedisRealtimeEmitter
                .builder().redisUri("http://user:s3cret@host").siteName(SITE).build()).actual();
        assertThat(bad.getMessage()).doesNotContain("s3cret");
    }

    @Test
    void refusesToBuildWithoutASiteName() {
        IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379").build()).actual();
        assertThat(e.getMessage()).contains("siteName");
    }
}
