package io.github.frappemessenger.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;

/**
 * One subscriber that reads a channel and only counts, so that Redis really fans each PUBLISH out to a client (as
 * to Frappe's realtime server) instead of dropping it for want of listeners. Thread-safe.
 */
final class ChannelDrain implements AutoCloseable {
    private final AtomicLong received = new AtomicLong();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final BinaryJedisPubSub pubSub = new BinaryJedisPubSub() {
        @Override
        public void onSubscribe(byte[] channel, int subscribedChannels) {
            subscribed.countDown();
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            received.incrementAndGet();
        }
    };
    private final Thread thread;
    private volatile RuntimeException failure;

    private ChannelDrain(RedisAddress redis, String channel) {
        this.thread = new Thread(() -> {
            try (Jedis jedis = redis.connect()) {
                jedis.subscribe(pubSub, channel.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                failure = e; // e.g. Redis closed us for exceeding the pubsub output buffer limit
            }
        }, "load-drain-" + channel);
        this.thread.setDaemon(true);
    }

    /** Subscribes and returns once Redis confirmed the subscription. */
    static ChannelDrain subscribe(RedisAddress redis, String channel) throws InterruptedException {
        ChannelDrain drain = new ChannelDrain(redis, channel);
        drain.thread.start();
        if (!drain.subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not subscribe to " + channel + ": " + drain.failure);
        }
        return drain;
    }

    long received() {
        return received.get();
    }

    /** Waits until {@code count} messages arrived; false on timeout or when the subscription was cut. */
    boolean awaitReceived(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.get() < count) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Why the subscription ended early, if it did. */
    String failure() {
        RuntimeException f = failure;
        return f == null ? "none" : f.getClass().getSimpleName() + ": " + f.getMessage();
    }

    @Override
    public void close() throws InterruptedException {
        if (pubSub.isSubscribed()) {
            pubSub.unsubscribe();
        }
        thread.join(5_000);
    }
}
