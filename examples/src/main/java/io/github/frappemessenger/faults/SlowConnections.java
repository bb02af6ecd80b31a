package io.github.frappemessenger.faults;

import java.util.concurrent.ThreadLocalRandom;

/**
 * An attacker (no signature needed) holds many slow or stalled connections open while Frappe delivers legitimate
 * webhooks of new messages; how long they wait, and how many of the attacker's connections the bridge still holds
 * when the attack has lasted {@link #hold()}.
 */
final class SlowConnections implements Scenario {
    private final FaultsOptions o;

    SlowConnections(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "slow-connections";
    }

    @Override
    public String fault() {
        return String.format("%,d slow/stalled connections + 1 malformed chunked body, held %d s, while %d messages "
                + "arrive", attackers(), hold() / 1000, messages());
    }

    private int attackers() {
        return o.size(1_000, 200);
    }

    private int messages() {
        return o.size(50, 20);
    }

    private long hold() {
        return o.millis(45_000, 15_000);
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        Tally tally = Tally.begin(rig, name(), fault());
        long start = System.currentTimeMillis();
        try (SlowClients attack = SlowClients.open(rig.bridge(0).port(), attackers())) {
            Thread.sleep(1_000);
            int senders = Math.max(1, messages() / 2);
            long window = o.millis(10_000, 4_000);
            Senders.run(senders, s -> {
                for (int k = 0; k < 2; k++) {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(window / 2));
                    tally.expect(rig.newMessage("SLOW", "psid-" + rig.id + "-" + s));
                }
            });
            Thread.sleep(Math.max(0, start + hold() - System.currentTimeMillis()));
            tally.slowHeld(attack.held());
            tally.note("slow_connections_opened", attackers() + 1 - attack.notConnected());
            tally.note("malformed_chunked_answer", attack.malformedAnswer());
            tally.note("held_after_s", hold() / 1000);
        }
        rig.settle();
        return tally.figures();
    }
}
