package io.github.frappemessenger.faults;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * What Frappe's realtime server would hear: a subscriber on the channel {@code events} of the harness's Redis that
 * records every event, and reconnects within milliseconds after Redis comes back (before the bridge's emitter, whose
 * backoff is longer, publishes again). Thread-safe.
 */
final class EventTap implements AutoCloseable {
    /** One published event: its name ({@code messenger:message_update}) and payload. */
    record Event(String event, Map<String, Object> message, long atNanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() { };
    private final OwnRedis redis;
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private final Thread thread;
    private volatile JedisPubSub current;
    private volatile boolean closed;

    private EventTap(OwnRedis redis) {
        this.redis = redis;
        this.thread = new Thread(this::listen, "faults-event-tap");
        this.thread.setDaemon(true);
    }

    static EventTap start(OwnRedis redis) throws InterruptedException {
        EventTap tap = new EventTap(redis);
        tap.thread.start();
        if (!tap.firstSubscription.await(10, TimeUnit.SECONDS)) {
            throw new ScenarioCannotRun("cannot subscribe to the channel 'events' of " + redis.url());
        }
        return tap;
    }

    private void listen() {
        while (!closed) {
            JedisPubSub pubSub = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int count) {
                    firstSubscription.countDown();
                }

                @Override
                public void onMessage(String channel, String text) {
                    record(text);
                }
            };
            current = pubSub;
            try (Jedis jedis = redis.connect()) {
                jedis.subscribe(pubSub, "events");
            } catch (RuntimeException down) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void record(String text) {
        try {
            Map<String, Object> e = JSON.readValue(text, EVENT);
            Object message = e.get("message");
            events.add(new Event(String.valueOf(e.get("event")),
                    message instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), System.nanoTime()));
        } catch (java.io.IOException notJson) {
            events.add(new Event("(not JSON)", Map.of(), System.nanoTime()));
        }
        count.incrementAndGet();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    int count() {
        return count.get();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        JedisPubSub pubSub = current;
        if (pubSub != null && pubSub.isSubscribed()) {
            try {
                pubSub.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is gone already
            }
        }
        thread.join(2_000);
    }
}
