package io.github.frappemessenger.faults;

import io.github.frappemessenger.testing.FrappeStandIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redis stops while the desk saves messages that are linked already (agents reading them): a stream of on_update
 * webhooks, each a new state of a message that must be announced, none of which needs the conversation lock.
 */
final class RedisDownUpdates implements Scenario {
    private final FaultsOptions o;

    RedisDownUpdates(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "redis-down-updates";
    }

    @Override
    public String fault() {
        return String.format("Redis stopped %d s during %,d on_update webhooks (desk saves of %d linked messages)",
                outage() / 1000, updates(), messages());
    }

    private int messages() {
        return o.size(200, 50);
    }

    private int updates() {
        return o.size(4_000, 600);
    }

    private long outage() {
        return o.millis(12_000, 4_000);
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        List<String> names = new ArrayList<>();
        int senders = o.size(50, 20);
        Senders.run(senders, s -> {
            for (int k = s; k < messages(); k += senders) {
                Map<String, Object> doc = rig.newMessage("RDU", "psid-" + rig.id + "-" + s);
                synchronized (names) {
                    names.add(doc.get("name").toString());
                }
            }
        });
        rig.settle();
        Tally tally = Tally.begin(rig, name(), fault());
        rig.redis.stop();
        long start = System.nanoTime();
        long spread = outage() - 2_000; // the updates end before Redis comes back
        for (int u = 0; u < updates(); u++) {
            long due = start + spread * 1_000_000L * u / updates();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String name = names.get(u % names.size());
            int round = u / names.size();
            rig.frappe.update(FrappeStandIn.MESSAGE, name, Map.of("is_read", round % 2 == 0 ? 1 : 0,
                    "status", round % 2 == 0 ? "read" : "received")).ifPresent(tally::expect);
        }
        Thread.sleep(Math.max(0, outage() - (System.nanoTime() - start) / 1_000_000));
        rig.redis.startAgain();
        rig.settle();
        return tally.figures();
    }
}
