package io.github.frappemessenger.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.internal.Backoff;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The JVM replacement for Frappe's Node relay: subscribes to a site's Redis channel {@code events} (what
 * {@code frappe.publish_realtime} PUBLISHes: {@code {"event", "message", "room", "namespace"}}) and sends each
 * message of this server's site through the {@link MessengerSocketServer}, so it gets a stream position and a place
 * in the history like the messenger's own events. Messages of other sites are skipped; so are messages without a
 * room (Frappe's build events, which go to every namespace) and those for room {@code website} (guests: the messenger
 * sends them nothing). Reconnects with backoff (100 ms doubling to 5 s) when Redis goes away; events published while
 * it is away are lost, as with Frappe's relay (pub/sub keeps nothing). {@link #start()} starts one daemon thread.
 */
public final class RedisEventsRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisEventsRelay.class);

    private final MessengerSocketServer server;
    private final RedisUri redis;
    private final String channel;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Thread thread;
    private volatile JedisPubSub subscription;
    private volatile boolean closed;
    private volatile boolean subscribed;

    public RedisEventsRelay(MessengerSocketServer server, String redisUri, String channel) {
        this.server = server;
        this.redis = RedisUri.parse(redisUri, "messenger-relay");
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("channel is blank");
        }
        this.channel = channel;
        this.thread = new Thread(this::run, "messenger-relay[" + server.site() + "]");
        thread.setDaemon(true);
    }

    public RedisEventsRelay start() {
        thread.start();
        return this;
    }

    /** Whether the relay is subscribed right now. */
    public boolean subscribed() {
        return subscribed;
    }

    public long relayedCount() {
        return relayed.get();
    }

    public long skippedCount() {
        return skipped.get();
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), false);
        while (!closed) {
            Duration wait;
            try (Jedis jedis = new Jedis(redis.address(), redis.config())) {
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String ch, int count) {
                        subscribed = true;
                        log.info("relaying Redis channel '{}' at {} to site {}", ch, redis, server.site());
                    }

                    @Override
                    public void onMessage(String ch, String message) {
                        relay(message);
                    }
                };
                subscription = sub;
                backoff.reset();
                jedis.subscribe(sub, channel);
                wait = backoff.next();
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                wait = backoff.next();
                log.warn("Redis relay at {} lost ({}); retrying in {} ms", redis, e.getMessage(), wait.toMillis());
            } finally {
                subscribed = false;
            }
            sleep(wait.toMillis());
        }
    }

    void relay(String message) {
        try {
            JsonNode m = mapper.readTree(message);
            String namespace = m.path("namespace").asText(null);
            String room = m.path("room").asText(null);
            String event = m.path("event").asText(null);
            if (event == null || m.get("message") == null || room == null || room.equals("website")
                    || (namespace != null && !namespace.equals(server.site()))) {
                skipped.incrementAndGet();
                return;
            }
            server.publishRaw(event, room, mapper.writeValueAsString(m.get("message")));
            relayed.incrementAndGet();
        } catch (Exception e) {
            skipped.incrementAndGet();
            log.warn("relay skipped a message that is not Frappe's realtime JSON: {}", LogText.safe(e.getMessage()));
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub sub = subscription;
        if (sub != null && sub.isSubscribed()) {
            try {
                sub.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is gone already
            }
        }
        thread.interrupt();
    }
}
