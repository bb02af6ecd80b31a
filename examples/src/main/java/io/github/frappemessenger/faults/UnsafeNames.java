package io.github.frappemessenger.faults;

import io.github.frappemessenger.testing.FrappeStandIn;
import java.util.List;
import java.util.Map;

/**
 * Messages whose names are not plain: {@code ..} and {@code .} (which a URL library resolves away), {@code a/b} and
 * {@code 100%} (which must be encoded), and a name carrying a newline followed by a forged log line — saved in the
 * site, plus one such name the site does not have (so that the bridge logs it).
 */
final class UnsafeNames implements Scenario {
    static final String FORGED_NAME = "NL-1\n" + BridgeProcess.FORGED + " by a doc name";

    private final FaultsOptions o;

    UnsafeNames(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "unsafe-names";
    }

    @Override
    public String fault() {
        return "docs named '..', '.', 'a/b', '100%', and a name with a newline (saved, and one the site lacks)";
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        Tally tally = Tally.begin(rig, name(), fault());
        List<String> names = List.of("..", ".", "a/b", "100%", FORGED_NAME);
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> doc = Rig.incoming(names.get(i), "psid-" + rig.id + "-" + i);
            tally.expect(rig.frappe.insert(FrappeStandIn.MESSAGE, doc));
        }
        Map<String, Object> ghost = Rig.incoming("NL-2\n" + BridgeProcess.FORGED + " by a missing doc",
                "psid-" + rig.id + "-ghost");
        ghost.put("modified", "2026-01-01 00:00:00.000001");
        ghost.put("doctype", FrappeStandIn.MESSAGE);
        rig.webhooks.send(rig.webhooks.prepare("after_insert", ghost));
        rig.webhooks.send(rig.webhooks.prepare("on_update", ghost));
        rig.settle();
        tally.note("misdirected_requests", rig.frappe.misdirected().size());
        tally.note("misdirected", rig.frappe.misdirected().stream().distinct().limit(5).toList());
        tally.note("forged_log_lines", rig.bridges.stream().mapToLong(BridgeProcess::forgedLines).sum());
        return tally.figures();
    }
}
