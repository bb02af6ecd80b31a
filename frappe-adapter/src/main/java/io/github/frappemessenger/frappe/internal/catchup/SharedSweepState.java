package io.github.frappemessenger.frappe.internal.catchup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * What every bridge process of a site shares about the sweep, in the site's Redis, without expiry (two small keys per
 * site): the cursor at {@code messenger:catchup:<site>:cursor} (JSON {@code {"modified", "name"}}) and the end of
 * the last complete sweep, by whichever process, at {@code messenger:catchup:<site>:completed} (epoch millis).
 * Redis failures are thrown as Jedis's exceptions. Thread-safe when its {@link UnifiedJedis} is.
 */
final class SharedSweepState {
    private final UnifiedJedis redis;
    private final String cursorKey;
    private final String completedKey;
    private final ObjectMapper json = new ObjectMapper();

    SharedSweepState(UnifiedJedis redis, String site) {
        this.redis = redis;
        this.cursorKey = "messenger:catchup:" + site + ":cursor";
        this.completedKey = "messenger:catchup:" + site + ":completed";
    }

    Optional<SweepCursor> cursor() {
        String text = redis.get(cursorKey);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(text, SweepCursor.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: started again as if there were none
        }
    }

    void cursor(SweepCursor cursor) {
        try {
            redis.set(cursorKey, json.writeValueAsString(cursor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a SweepCursor is always writable as JSON", e);
        }
    }

    Optional<Instant> completed() {
        String text = redis.get(completedKey);
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    void completed(Instant at) {
        redis.set(completedKey, Long.toString(at.toEpochMilli()));
    }

    String cursorKey() {
        return cursorKey;
    }
}
