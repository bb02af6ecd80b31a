package io.github.frappemessenger.faults;

import io.github.frappemessenger.testing.FrappeStandIn;
import io.github.frappemessenger.testing.FrappeWebhooks;
import io.github.frappemessenger.testing.MessengerDocs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scenario's world, all of it fresh: a redis-server of its own, a Frappe stand-in whose message saves fire
 * their webhooks through {@link FrappeWebhooks}, the event tap, and one or more bridge processes wired to both.
 * Webhook tries go to the bridges in turn, as behind a load balancer. Not thread-safe, except
 * {@link #newMessage}, which the scenarios' senders call in parallel.
 */
final class Rig implements AutoCloseable {
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String site = "faults-" + id + ".local";
    final String secret = "faults-secret-" + id;
    final FaultsOptions options;
    final OwnRedis redis;
    final FrappeStandIn frappe = new FrappeStandIn();
    final FrappeWebhooks webhooks;
    final EventTap tap;
    final List<BridgeProcess> bridges = new ArrayList<>();
    /** Every job enqueued, by doc name, in order: what a replay re-sends. */
    final Map<String, List<FrappeWebhooks.Delivery>> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong turn = new AtomicLong();

    private Rig(FaultsOptions options, OwnRedis redis, EventTap tap) {
        this.options = options;
        this.redis = redis;
        this.tap = tap;
        this.webhooks = FrappeWebhooks.builder().secret(secret).router(d -> nextBridge()).build();
        frappe.countWrites(FrappeStandIn.MESSAGE, "conversation");
        frappe.start().onDocEvent((event, doc) -> {
            if (!FrappeStandIn.MESSAGE.equals(doc.get("doctype"))) {
                return; // the site's Webhooks are on Messenger Message only
            }
            FrappeWebhooks.Delivery d = webhooks.prepare(event, doc);
            deliveries.computeIfAbsent(d.docName(), k -> new CopyOnWriteArrayList<>()).add(d);
            webhooks.send(d);
        });
    }

    /** Starts Redis, the tap and {@code bridgeCount} bridges with a {@code heap} of -Xmx; logs go to {@code logDir}. */
    static Rig start(FaultsOptions options, String scenario, int bridgeCount, String heap, Path logDir)
            throws IOException, InterruptedException {
        OwnRedis redis = OwnRedis.start();
        Rig rig = null;
        try {
            rig = new Rig(options, redis, EventTap.start(redis));
            for (int i = 0; i < bridgeCount; i++) {
                BridgeProcess b = new BridgeProcess(scenario + "-bridge-" + (char) ('a' + i), rig.env(), logDir,
                        options.bridgeClasspath(), heap);
                rig.bridges.add(b);
                b.start();
            }
            rig.warmUp();
            return rig;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (rig != null) {
                rig.close();
            } else {
                redis.close();
            }
            throw e;
        }
    }

    /**
     * A few messages from senders of their own before the scenario counts anything, so that the figures are those of
     * a bridge that has been running (classes loaded, code compiled, connections open), not of a cold JVM.
     */
    private void warmUp() throws InterruptedException {
        int messages = options.size(40, 20);
        for (int i = 0; i < messages; i++) {
            newMessage("WARM", "psid-" + id + "-warm-" + (i % (messages / 2)));
            Thread.sleep(50);
        }
        webhooks.awaitIdle(Duration.ofMinutes(1));
        Thread.sleep(1_000);
    }

    /** The bridge's environment, as an operator would set it. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FRAPPE_URL", frappe.url().toString());
        env.put("FRAPPE_API_KEY", "faults-key");
        env.put("FRAPPE_API_SECRET", "faults-api-secret");
        env.put("FRAPPE_SITE", site);
        env.put("REDIS_URL", redis.url());
        env.put("WEBHOOK_SECRET", secret);
        env.put("CATCHUP_INTERVAL_S", Integer.toString(options.catchupSeconds()));
        return env;
    }

    private URI nextBridge() {
        return bridges.get((int) (turn.getAndIncrement() % bridges.size())).webhooks();
    }

    BridgeProcess bridge(int i) {
        return bridges.get(i);
    }

    /** A new incoming text message from {@code sender}, saved by the site, which then fires its webhooks. */
    Map<String, Object> newMessage(String scenario, String sender) {
        return frappe.insert(FrappeStandIn.MESSAGE, incoming(scenario + "-" + id + "-" + sequence.incrementAndGet(), sender));
    }

    static Map<String, Object> incoming(String name, String sender) {
        return MessengerDocs.message(name).set("message_id", "m_" + name.replace('\n', '_'))
                .text("Is this still available? (" + name.replace('\n', ' ') + ")").from(sender)
                .at(MessengerDocs.stamp(LocalDateTime.now().withNano(0))).build();
    }

    /**
     * Waits for Frappe's jobs to finish (tries and sleeps included), then for the catch-up interval, then until no
     * event has arrived for two seconds (at most a minute): the state the figures are taken from.
     */
    void settle() throws InterruptedException {
        webhooks.awaitIdle(Duration.ofMinutes(3));
        Thread.sleep(options.catchupSeconds() * 1_000L + 1_000);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            webhooks.awaitIdle(Duration.ofMinutes(1));
            int now = tap.count();
            if (now == seen) {
                return;
            }
            seen = now;
            Thread.sleep(2_000);
        }
    }

    /** Sleeps a random share of {@code millis}: senders that do not all fire at the same instant. */
    static void jitter(long millis) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(Math.max(1, millis)));
    }

    @Override
    public void close() throws InterruptedException {
        for (BridgeProcess b : bridges) {
            b.stop();
        }
        webhooks.close();
        tap.close();
        frappe.close();
        redis.close();
    }
}
