package io.github.frappemessenger.frappe.bridge;

import io.github.frappemessenger.frappe.internal.catchup.CatchUpStatus;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.webhook.DurableDeliveries;
import io.github.frappemessenger.frappe.webhook.HealthCheck;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;

/**
 * What the bridge's {@code GET /health} reports, one part at a time: the site ({@code frappe.ping}), Redis (PING),
 * the realtime sender thread, whether the emitter can take events, whether it gets them through (events waiting with
 * none acknowledged for 10 s: {@link SendProgress}), and whether the catch-up sweep keeps up; then the
 * emitter's, the journal's and the sweep's figures. Any check down makes the answer 503: events cannot be delivered (or soon will not be).
 */
final class BridgeHealth {
    private BridgeHealth() {
    }

    static HealthCheck of(FrappeClient frappe, RedisClient redis, RedisRealtimeEmitter emitter,
            DurableDeliveries durable, Supplier<CatchUpStatus> catchUp) {
        Map<String, BooleanSupplier> probes = new LinkedHashMap<>();
        probes.put("frappe", () -> "pong".equals(frappe.callMethod("ping", Map.of())));
        probes.put("redis", () -> "PONG".equalsIgnoreCase(redis.ping()));
        probes.put("sender", emitter::senderAlive);
        probes.put("emitter_buffer", () -> emitter.pendingCount() < emitter.bufferCapacity());
        probes.put("sending", new SendProgress(emitter::pendingCount, emitter::sentCount, Clock.systemUTC()));
        probes.put("catchup", () -> catchUp.get().healthy());
        return HealthCheck.of(probes).withDetails(() -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("emitter", emitter(emitter));
            details.put("journal", durable.health());
            details.put("catchup", catchUp(catchUp.get()));
            return details;
        });
    }

    /** The sweep's lag (seconds since it last read the site to its end), cursor and why it last stopped. */
    private static Map<String, Object> catchUp(CatchUpStatus status) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("enabled", status.enabled());
        c.put("lag_s", status.lag().toSeconds());
        status.cursor().ifPresent(cursor -> c.put("cursor", cursor.modified()));
        status.lastFailure().ifPresent(failure -> c.put("last_failure", failure));
        return c;
    }

    private static Map<String, Object> emitter(RedisRealtimeEmitter emitter) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sender_alive", emitter.senderAlive());
        e.put("sender_restarts", emitter.senderRestarts());
        e.put("redis_failing", emitter.redisFailing());
        e.put("pending", emitter.pendingCount());
        e.put("capacity", emitter.bufferCapacity());
        e.put("sent", emitter.sentCount());
        e.put("dropped", emitter.droppedCount());
        return e;
    }
}
