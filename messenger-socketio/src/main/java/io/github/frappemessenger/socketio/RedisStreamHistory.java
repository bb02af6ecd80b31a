package io.github.frappemessenger.socketio;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A history in a Redis Stream, so that it outlives a restart of the server and can be shared by several servers
 * of one site. Keys (prefix {@code messenger:stream} by default): {@code <prefix>:<site>} the stream, entry id
 * {@code <offset>-1}; {@code <prefix>:<site>:head} the last offset; {@code <prefix>:<site>:epoch}. An append is one
 * Lua script (epoch, INCR, XADD with {@code MAXLEN = maxEvents}), so offsets never repeat or go back. If Redis lost
 * the keys (a flush, a restart without persistence) the next append starts a new epoch. The age bound is applied
 * when reading: an event older than {@code maxAge} counts as gone. Thread-safe (a pooled client).
 */
public final class RedisStreamHistory implements EventHistory {
    private static final String APPEND = """
            local epoch = redis.call('GET', KEYS[3])
            if not epoch then
              epoch = ARGV[6]
              redis.call('SET', KEYS[3], epoch)
              redis.call('DEL', KEYS[1], KEYS[2])
            end
            local n = redis.call('INCR', KEYS[2])
            redis.call('XADD', KEYS[1], 'MAXLEN', '=', ARGV[1], n .. '-1', 't', ARGV[2], 'e', ARGV[3], 'r', ARGV[4], 'p', ARGV[5])
            return {n, epoch}
            """;

    private final RedisClient redis;
    private final String streamKey;
    private final String headKey;
    private final String epochKey;
    private final int maxEvents;
    private final long maxAgeMillis;
    private final Clock clock;

    private RedisStreamHistory(RedisClient redis, String prefix, String site, int maxEvents, Duration maxAge,
                               Clock clock) {
        this.redis = redis;
        this.streamKey = prefix + ":" + site;
        this.headKey = streamKey + ":head";
        this.epochKey = streamKey + ":epoch";
        this.maxEvents = maxEvents;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    /**
     * Connects to {@code redisUri} (checked now: a bad URI or an unreachable Redis fails here, with the password
     * hidden).
     */
    public static RedisStreamHistory connect(String redisUri, String site, int maxEvents, Duration maxAge,
                                             String keyPrefix, Clock clock) {
        if (maxEvents < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxEvents must be at least 1 and maxAge positive");
        }
        Objects.requireNonNull(site, "site");
        RedisUri uri = RedisUri.parse(redisUri, "messenger-history");
        RedisClient client = RedisClient.builder().hostAndPort(uri.address()).clientConfig(uri.config()).build();
        RedisStreamHistory h = new RedisStreamHistory(client, keyPrefix, site, maxEvents, maxAge, clock);
        try {
            h.epoch();
        } catch (RuntimeException e) {
            client.close();
            throw new IllegalStateException("Redis at " + uri + " is not reachable: " + e.getMessage());
        }
        return h;
    }

    @Override
    public String epoch() {
        String epoch = redis.get(epochKey);
        if (epoch == null) {
            redis.setnx(epochKey, UUID.randomUUID().toString());
            epoch = redis.get(epochKey);
        }
        return epoch;
    }

    @Override
    public StreamEvent append(String event, String room, String payloadJson) {
        long now = clock.millis();
        List<?> r = (List<?>) redis.eval(APPEND, List.of(streamKey, headKey, epochKey), List.of(
                String.valueOf(maxEvents), String.valueOf(now), event, room, payloadJson,
                UUID.randomUUID().toString()));
        return new StreamEvent(String.valueOf(r.get(1)), ((Number) r.get(0)).longValue(), event, room, payloadJson,
                now);
    }

    @Override
    public long headOffset() {
        String head = redis.get(headKey);
        return head == null ? 0 : Long.parseLong(head);
    }

    @Override
    public List<StreamEvent> after(long offset) {
        String epoch = redis.get(epochKey);
        long head = headOffset();
        if (offset < 0 || offset > head || epoch == null) {
            return null;
        }
        if (offset == head) {
            return List.of();
        }
        List<StreamEntry> entries = redis.xrange(streamKey, new StreamEntryID(offset + 1, 1),
                new StreamEntryID(head, 1));
        long cutoff = clock.millis() - maxAgeMillis;
        if (entries.isEmpty() || entries.get(0).getID().getTime() != offset + 1
                || Long.parseLong(entries.get(0).getFields().get("t")) < cutoff) {
            return null;
        }
        List<StreamEvent> missed = new ArrayList<>(entries.size());
        for (StreamEntry e : entries) {
            Map<String, String> f = e.getFields();
            missed.add(new StreamEvent(epoch, e.getID().getTime(), f.get("e"), f.get("r"), f.get("p"),
                    Long.parseLong(f.get("t"))));
        }
        return missed;
    }

    /** Removes this site's keys (tests and resets). */
    public void deleteAll() {
        redis.del(streamKey, headKey, epochKey);
    }

    @Override
    public void close() {
        redis.close();
    }
}
