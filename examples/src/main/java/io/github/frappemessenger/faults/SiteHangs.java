package io.github.frappemessenger.faults;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The site stops answering for a while (a long query, a stuck worker) while new messages keep arriving. */
final class SiteHangs implements Scenario {
    private static final long HANG = 8_000;
    private final FaultsOptions o;

    SiteHangs(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "site-hangs";
    }

    @Override
    public String fault() {
        return String.format("the Frappe site hangs %d s while %d messages (%d senders) arrive", HANG / 1000,
                messages(), senders());
    }

    private int messages() {
        return o.size(110, 30);
    }

    private int senders() {
        return o.size(40, 15);
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        Tally tally = Tally.begin(rig, name(), fault());
        long lead = 2_000;
        long window = lead + HANG + 2_000;
        long start = System.currentTimeMillis();
        Thread hang = new Thread(() -> {
            try {
                Thread.sleep(lead);
                rig.frappe.hangFor(Duration.ofMillis(HANG));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "faults-hang");
        hang.start();
        int perSender = Math.max(1, messages() / senders());
        Senders.run(senders(), s -> {
            for (int k = 0; k < perSender + (s < messages() % senders() ? 1 : 0); k++) {
                long due = start + ThreadLocalRandom.current().nextLong(window);
                Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
                tally.expect(rig.newMessage("HANG", "psid-" + rig.id + "-" + s));
            }
        });
        hang.join();
        rig.settle();
        return tally.figures();
    }
}
