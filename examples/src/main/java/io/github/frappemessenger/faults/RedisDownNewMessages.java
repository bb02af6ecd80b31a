package io.github.frappemessenger.faults;

import java.util.Map;

/**
 * Redis stops (SIGKILL) while new messages arrive from many senders: each message's after_insert and on_update
 * webhooks race each other, and every new message needs Redis (the conversation lock, the events).
 */
final class RedisDownNewMessages implements Scenario {
    private final FaultsOptions o;

    RedisDownNewMessages(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "redis-down-new-messages";
    }

    @Override
    public String fault() {
        return String.format("Redis stopped %d s while after_insert + on_update arrive in parallel (%d messages, %d "
                + "senders)", outage() / 1000, senders() * perSender(), senders());
    }

    private int senders() {
        return o.size(60, 20);
    }

    private int perSender() {
        return o.size(5, 3);
    }

    private long outage() {
        return o.millis(10_000, 4_000);
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        Tally tally = Tally.begin(rig, name(), fault());
        long lead = 2_000;
        long window = lead + outage() + 2_000;
        long gap = window / perSender();
        long start = System.currentTimeMillis();
        Thread outage = new Thread(() -> {
            try {
                Thread.sleep(lead);
                rig.redis.stop();
                Thread.sleep(outage());
                rig.redis.startAgain();
            } catch (Exception e) {
                throw new ScenarioCannotRun("could not stop and start Redis: " + e);
            }
        }, "faults-outage");
        outage.start();
        Senders.run(senders(), s -> {
            String sender = "psid-" + rig.id + "-" + s;
            for (int k = 0; k < perSender(); k++) {
                long due = start + k * gap + java.util.concurrent.ThreadLocalRandom.current().nextLong(gap);
                Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
                Map<String, Object> doc = rig.newMessage("RDN", sender);
                tally.expect(doc);
            }
        });
        outage.join();
        if (!rig.redis.running()) {
            throw new ScenarioCannotRun("Redis did not come back after the outage");
        }
        rig.settle();
        return tally.figures();
    }
}
