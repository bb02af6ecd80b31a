package io.github.frappemessenger.faults;

import io.github.frappemessenger.testing.FrappeStandIn;

/**
 * Two bridge processes behind one load balancer, on one Redis and one site; new senders each send a few messages in
 * a row, and each webhook try goes to either process.
 */
final class TwoBridges implements Scenario {
    private final FaultsOptions o;

    TwoBridges(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "two-bridges";
    }

    @Override
    public String fault() {
        return String.format("two bridge processes on one Redis + one site, %d new senders x 3 messages", senders());
    }

    @Override
    public int bridges() {
        return 2;
    }

    private int senders() {
        return o.size(100, 30);
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        Tally tally = Tally.begin(rig, name(), fault());
        Senders.run(senders(), s -> {
            Rig.jitter(2_000);
            for (int k = 0; k < 3; k++) {
                tally.expect(rig.newMessage("TWO", "psid-" + rig.id + "-" + s));
                Rig.jitter(200);
            }
        });
        rig.settle();
        long puts = rig.frappe.writes(FrappeStandIn.MESSAGE, "conversation").values().stream().mapToLong(Long::longValue).sum();
        tally.note("link_puts", puts);
        tally.note("messages_linked_more_than_once", rig.frappe.writes(FrappeStandIn.MESSAGE, "conversation").values().stream().filter(n -> n > 1).count());
        return tally.figures();
    }
}
