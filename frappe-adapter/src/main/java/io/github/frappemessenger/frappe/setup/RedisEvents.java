package io.github.frappemessenger.frappe.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens on Frappe's realtime channel {@code events} of a Redis, as Frappe's realtime server does, and keeps each
 * message parsed. One daemon thread, from {@link #subscribe} to {@link #close}. Thread-safe.
 */
final class RedisEvents implements AutoCloseable {
    static final String CHANNEL = "events";
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> events = new ArrayList<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final JedisPubSub pubSub = new JedisPubSub() {
        @Override
        public void onSubscribe(String channel, int count) {
            subscribed.countDown();
        }

        @Override
        public void onMessage(String channel, String message) {
            try {
                JsonNode event = json.readTree(message);
                synchronized (events) {
                    events.add(event);
                }
            } catch (IOException e) {
                // not a realtime event of Frappe's format; nothing to count
            }
        }
    };
    private final Jedis jedis;

    private RedisEvents(Jedis jedis) {
        this.jedis = jedis;
    }

    /** Connects and returns once Redis confirmed the subscription; throws when Redis cannot be reached. */
    static RedisEvents subscribe(URI redisUrl, Duration timeout) throws InterruptedException {
        Jedis jedis = new Jedis(redisUrl, (int) timeout.toMillis()); // user, password and db from the URL
        RedisEvents listener = new RedisEvents(jedis);
        Thread thread = new Thread(() -> {
            try {
                jedis.subscribe(listener.pubSub, CHANNEL);
            } catch (RuntimeException e) {
                listener.subscribed.countDown(); // the caller sees no subscription
            }
        }, "messenger-doctor-events");
        thread.setDaemon(true);
        thread.start();
        if (!listener.subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !listener.pubSub.isSubscribed()) {
            listener.close();
            throw new IllegalStateException("could not subscribe to '" + CHANNEL + "' within " + timeout.toSeconds()
                    + " s");
        }
        return listener;
    }

    List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        try {
            if (pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
        } catch (RuntimeException e) {
            // already gone
        }
        jedis.close();
    }
}
