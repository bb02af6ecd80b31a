package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Redis goes away under the emitter and comes back: a redis-server of the test's own, on a free port. */
class RedisOutageTest {
    private static final String CHANNEL = "events";
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void eventsPublishedWhileRedisIsDownArriveInOrderAfterItComesBack() throws Exception {
        int capacity = 1_000;
        try (RedisServerProcess redis = RedisServerProcess.start();
             RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri(redis.uri())
                     .siteName("outage.example.test").bufferCapacity(capacity).batchSize(100)
                     .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build()) {
            try (RedisSubscriber before = RedisSubscriber.subscribe(redis.port(), CHANNEL)) {
                publish(emitter, 0, 10);
                await().until(() -> before.count() == 10);
            }

            redis.stop();
            publish(emitter, 10, 10 + capacity);
            assertThat(emitter.flush(Duration.ofMillis(300))).as("Redis is down: nothing can be sent").isFalse();
            assertThat(emitter.pendingCount()).isEqualTo(capacity);

            // Back, but refusing PUBLISH until our subscriber listens: otherwise the emitter could deliver to nobody.
            redis.restart("--user", "default", "on", "nopass", "~*", "&*", "+@all", "-publish");
            try (RedisSubscriber after = RedisSubscriber.subscribe(redis.port(), CHANNEL)) {
                try (Jedis admin = new Jedis("127.0.0.1", redis.port())) {
                    admin.aclSetUser("default", "+publish");
                }
                await().until(() -> after.count() == capacity);
                List<String> received = after.messages();
                for (int i = 0; i < capacity; i++) {
                    assertThat(mapper.readTree(received.get(i)).at("/message/unread_count").asInt()).isEqualTo(10 + i);
                }
            }
            assertThat(emitter.droppedCount()).isZero();
            assertThat(emitter.sentCount()).isEqualTo(10 + capacity);
            assertThat(emitter.pendingCount()).isZero();
        }
    }

    @Test
    void anEmitterWithAUserAndPasswordPublishesOnTheConnectionJedisAuthenticated() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("--user", "emitter", "on", ">s3cret", "~*", "&*",
                "+@all");
             RedisSubscriber frappe = RedisSubscriber.subscribe(redis.port(), CHANNEL);
             RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder()
                     .redisUri("redis://emitter:s3cret@127.0.0.1:" + redis.port() + "/2")
                     .siteName("auth.example.test").build()) {
            publish(emitter, 0, 50);
            await().until(() -> frappe.count() == 50);
            assertThat(mapper.readTree(frappe.messages().get(49)).at("/message/unread_count").asInt()).isEqualTo(49);
            assertThat(emitter.sentCount()).isEqualTo(50);
        }
    }

    private static void publish(RedisRealtimeEmitter emitter, int from, int to) {
        for (int i = from; i < to; i++) {
            emitter.publish(RealtimeEvent.toAll(new UnreadUpdate("CONV-1", i)));
        }
    }
}
