package io.github.frappemessenger.load;

import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import io.github.frappemessenger.testing.FrappeWebhooks;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Part 2: webhooks/s and latency of the webhook bridge on loopback, (a) on the embedded stores and (b) on
 * FrappeSite's ports against the kit's {@link io.github.frappemessenger.testing.FrappeStandIn} with a real Redis lock; both publish with the Redis
 * emitter (on a channel nobody listens to), as the bridge does. For (b) also the REST round trips per message: the
 * average under load, and for one warm and one cold message sent alone.
 */
final class BridgePart {
    private final LoadOptions options;
    private final RedisAddress redis;
    private final Results results;
    private final PrintStream progress;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final String secret = "load-webhook-secret-" + runId;

    BridgePart(LoadOptions options, RedisAddress redis, Results results, PrintStream progress) {
        this.options = options;
        this.redis = redis;
        this.results = results;
        this.progress = progress;
    }

    void run() throws Exception {
        String site = "load-" + runId + ".local";
        try (RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri(redis.url()).siteName(site)
                .channel("load-" + runId + "-bridge").bufferCapacity(200_000).build()) {
            try (BridgeStack embedded = EmbeddedBridgeStack.start(emitter, secret)) {
                measure(embedded, false);
            }
            try (BridgeStack frappe = FrappeBridgeStack.start(secret, redis, site)) {
                measure(frappe, true);
            }
            if (emitter.droppedCount() > 0) {
                results.figure("bridge", "realtime events dropped", emitter.droppedCount(), "events",
                        "the emitter's buffer overflowed");
            }
        }
    }

    private void measure(BridgeStack stack, boolean countTrips) throws Exception {
        String part = stack.name();
        WebhookLoad load = new WebhookLoad(stack, new WebhookDocs(secret, runId + "-" + (countTrips ? "f" : "e")),
                options.bridgeWorkers(), options.knownSenders(), runId);
        Map<Integer, Long> primed = load.primeKnownSenders();
        long primedOk = primed.getOrDefault(200, 0L);
        if (primedOk < options.knownSenders()) {
            throw new IllegalStateException(part + ": priming the known senders got answers " + primed
                    + " instead of 200s; the numbers would be meaningless");
        }
        load.run(options.bridgeWarmup());
        long tripsBefore = total(stack.restRequestsByRoute());
        WebhookLoad.Outcome o = load.run(options.bridgeDuration());
        long trips = total(stack.restRequestsByRoute()) - tripsBefore;
        progress.printf(Locale.ROOT, "load: %s: %,d messages in %.1f s, answers %s%n", part, o.messages(),
                o.seconds(), o.statuses());

        String how = String.format(Locale.ROOT, "%d workers, 90%% known senders, %.1f s, %,d messages",
                options.bridgeWorkers(), o.seconds(), o.messages());
        Samples all = o.all();
        results.figure(part, "webhooks/s (after_insert + on_update)", all.count() / o.seconds(), "webhooks/s", how);
        results.figure(part, "messages/s", o.messages() / o.seconds(), "messages/s", "2 webhooks per message");
        results.figure(part, "latency p50", all.percentileMillis(50), "ms", String.format(Locale.ROOT,
                "after_insert %.2f, on_update %.2f", o.afterInsert().percentileMillis(50),
                o.onUpdate().percentileMillis(50)));
        results.figure(part, "latency p99", all.percentileMillis(99), "ms", String.format(Locale.ROOT,
                "after_insert %.2f, on_update %.2f; max %.1f", o.afterInsert().percentileMillis(99),
                o.onUpdate().percentileMillis(99), all.maxMillis()));
        results.figure(part, "webhooks not answered 200", o.notOk(), "webhooks", "answers by status: "
                + o.statuses());
        if (countTrips) {
            results.figure(part, "REST round trips per message, under load", (double) trips / o.messages(),
                    "trips/msg", String.format(Locale.ROOT, "%,d trips / %,d messages; %,d conversations",
                            trips, o.messages(), stack.conversations()));
            FrappeWebhooks.Delivery warm = probe(load, stack, part, "warm", load.knownSender(0));
            linkedUpdate(load, stack, part, warm);
            probe(load, stack, part, "cold", "psid-" + runId + "-probe-cold");
        }
    }

    /** A later save of the linked warm message (read in the desk): its on_update alone, its REST calls counted. */
    private void linkedUpdate(WebhookLoad load, BridgeStack stack, String part, FrappeWebhooks.Delivery warm) {
        Optional<Map<String, Object>> read = stack.frappeUpdated(warm.docName(), Map.of("is_read", 1));
        if (read.isEmpty()) {
            return;
        }
        Map<String, Long> before = stack.restRequestsByRoute();
        int status = load.post(WebhookLoad.ON_UPDATE, load.delivery(read.get()));
        Map<String, Long> after = stack.restRequestsByRoute();
        results.figure(part, "REST round trips, one on_update of a linked message", total(after) - total(before),
                "trips/msg", String.format(Locale.ROOT, "the warm message read in the desk (is_read 1), HTTP %d: %s",
                        status, describe(difference(after, before))));
    }

    /** One message sent alone, its REST calls counted per webhook and listed by route; returns its delivery. */
    private FrappeWebhooks.Delivery probe(WebhookLoad load, BridgeStack stack, String part, String kind, String sender) {
        FrappeWebhooks.Delivery d = load.newMessage(sender);
        Map<String, Long> before = stack.restRequestsByRoute();
        int first = load.post(WebhookLoad.AFTER_INSERT, d);
        Map<String, Long> between = stack.restRequestsByRoute();
        int second = load.post(WebhookLoad.ON_UPDATE, d);
        Map<String, Long> after = stack.restRequestsByRoute();
        long afterInsert = total(between) - total(before);
        long onUpdate = total(after) - total(between);
        results.figure(part, "REST round trips, one " + kind + " message", afterInsert + onUpdate, "trips/msg",
                String.format(Locale.ROOT, "after_insert %d (HTTP %d) + on_update %d (HTTP %d): %s", afterInsert,
                        first, onUpdate, second, describe(difference(after, before))));
        return d;
    }

    private static long total(Map<String, Long> byRoute) {
        return byRoute.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new HashMap<>();
        after.forEach((route, n) -> {
            long delta = n - before.getOrDefault(route, 0L);
            if (delta > 0) {
                d.put(route, delta);
            }
        });
        return d;
    }

    private static String describe(Map<String, Long> routes) {
        return routes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + "x " + e.getKey()).collect(Collectors.joining(", "));
    }
}
