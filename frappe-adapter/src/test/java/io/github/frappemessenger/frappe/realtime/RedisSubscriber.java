package io.github.frappemessenger.frappe.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Collects what is PUBLISHed on one channel, as a Frappe realtime server would receive it. Thread-safe. */
public final class RedisSubscriber implements AutoCloseable {
    private final List<String> messages = new ArrayList<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final JedisPubSub pubSub = new JedisPubSub() {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            subscribed.countDown();
        }

        @Override
        public void onMessage(String channel, String message) {
            synchronized (messages) {
                messages.add(message);
            }
        }
    };
    private final Thread thread;

    private RedisSubscriber(int port, String channel) {
        thread = new Thread(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.subscribe(pubSub, channel);
            }
        }, "test-subscriber-" + channel);
        thread.setDaemon(true);
    }

    /** Subscribes and returns once Redis confirmed the subscription. */
    public static RedisSubscriber subscribe(int port, String channel) throws InterruptedException {
        RedisSubscriber s = new RedisSubscriber(port, channel);
        s.thread.start();
        if (!s.subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not subscribe to " + channel + " on port " + port);
        }
        return s;
    }

    public List<String> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    int count() {
        synchronized (messages) {
            return messages.size();
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
