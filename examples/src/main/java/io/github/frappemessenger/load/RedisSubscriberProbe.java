package io.github.frappemessenger.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.realtime.RealtimeListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The end-to-end part's baseline: a plain Redis subscriber in this JVM on the channel the emitter publishes to. It
 * opens Frappe's envelope ({@code {"event", "message", "room", "namespace"}}) and hands event name and payload to a
 * listener, as {@link io.github.frappemessenger.frappe.realtime.FrappeRealtimeClient} does after the relay. The same
 * events thus reach the listener twice, once straight from Redis and once through the relay and Socket.IO, and the
 * difference is what the relay's hop costs. Thread-safe.
 */
final class RedisSubscriberProbe implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final JedisPubSub pubSub;
    private final Thread thread;
    private volatile String failure;

    private RedisSubscriberProbe(RedisAddress redis, String channel, RealtimeListener listener) {
        this.pubSub = new JedisPubSub() {
            @Override
            public void onSubscribe(String ch, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String ch, String message) {
                deliver(message, listener);
            }
        };
        this.thread = new Thread(() -> {
            try (Jedis jedis = redis.connect()) {
                jedis.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }, "load-baseline-" + channel);
        this.thread.setDaemon(true);
    }

    /**
     * Subscribes and returns once Redis confirmed it.
     *
     * @throws Skipped when the subscription is not confirmed in time: the caller reports its baseline as missing
     */
    static RedisSubscriberProbe subscribe(RedisAddress redis, String channel, RealtimeListener listener,
            Duration timeout) throws InterruptedException {
        RedisSubscriberProbe probe = new RedisSubscriberProbe(redis, channel, listener);
        probe.thread.start();
        if (!probe.subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            probe.close();
            throw new Skipped("no Redis subscription to " + channel + " within " + timeout + " ("
                    + (probe.failure == null ? "no answer" : probe.failure) + ")");
        }
        return probe;
    }

    /** Why the subscription ended, or null while it runs. */
    String failure() {
        return thread.isAlive() ? null : failure == null ? "the subscription ended" : failure;
    }

    @SuppressWarnings("unchecked")
    private static void deliver(String message, RealtimeListener listener) {
        try {
            Map<String, Object> envelope = JSON.readValue(message, Map.class);
            if (envelope.get("event") instanceof String event && envelope.get("message") instanceof Map<?, ?> p) {
                listener.onEvent(event, (Map<String, Object>) p);
            }
        } catch (IOException notOurs) {
            // another publisher on the channel: not an event of this run
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (pubSub.isSubscribed()) {
            pubSub.unsubscribe();
        }
        thread.join(5_000);
    }
}
