package io.github.frappemessenger.frappe.bridge;

import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.webhook.DurableDeliveries;
import io.github.frappemessenger.frappe.webhook.HealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.RedisClient;

/**
 * What the bridge's {@code GET /health} reports, one part at a time: the site ({@code frappe.ping}), Redis (PING),
 * the realtime sender thread, and whether the emitter can take events; then the emitter's and the journal's
 * figures. Any check down makes the answer 503: events cannot be delivered (or soon will not be).
 */
final class BridgeHealth {
    private BridgeHealth() {
    }

    static HealthCheck of(FrappeClient frappe, RedisClient redis, RedisRealtimeEmitter emitter,
            DurableDeliveries durable) {
        Map<String, BooleanSupplier> probes = new LinkedHashMap<>();
        probes.put("frappe", () -> "pong".equals(frappe.callMethod("ping", Map.of())));
        probes.put("redis", () -> "PONG".equalsIgnoreCase(redis.ping()));
        probes.put("sender", emitter::senderAlive);
        probes.put("emitter_buffer", () -> emitter.pendingCount() < emitter.bufferCapacity());
        return HealthCheck.of(probes).withDetails(() -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("emitter", emitter(emitter));
            details.put("journal", durable.health());
            return details;
        });
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
