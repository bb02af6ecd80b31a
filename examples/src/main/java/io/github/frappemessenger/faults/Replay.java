package io.github.frappemessenger.faults;

import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.testing.FrappeStandIn;
import io.github.frappemessenger.testing.FrappeWebhooks;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same signed deliveries sent again later — after the agent read the messages (a newer state, announced), after
 * bridge A restarted, to A for half of them and to B for the rest: as a replaying attacker, or a proxy retrying, would.
 * Nothing may change: no link written again, no old state (is_read 0) announced over the newer one.
 */
final class Replay implements Scenario {
    private final FaultsOptions o;

    Replay(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String fault() {
        return String.format("%d signed deliveries (after_insert + on_update) replayed after a restart of bridge A, "
                + "half to A, half to B, once the messages were read", messages());
    }

    @Override
    public int bridges() {
        return 2;
    }

    private int messages() {
        return o.size(20, 10);
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        Senders.run(messages(), s -> {
            Map<String, Object> doc = rig.newMessage("REPLAY", "psid-" + rig.id + "-" + s);
            synchronized (docs) {
                docs.add(doc);
            }
        });
        rig.settle();
        for (Map<String, Object> doc : docs) {
            rig.frappe.update(FrappeStandIn.MESSAGE, doc.get("name").toString(), Map.of("is_read", 1, "status", "read"));
        }
        rig.settle();
        rig.bridge(0).stop();
        rig.bridge(0).start();
        Tally tally = Tally.begin(rig, name(), fault());
        long putsBefore = rig.frappe.writes(FrappeStandIn.MESSAGE, "conversation").values().stream().mapToLong(Long::longValue).sum();
        Set<String> toA = new HashSet<>();
        for (int i = 0; i < docs.size(); i++) {
            tally.watch(docs.get(i));
            if (i % 2 == 0) {
                toA.add(docs.get(i).get("name").toString());
            }
        }
        URI a = rig.bridge(0).webhooks();
        URI b = rig.bridge(1).webhooks();
        rig.webhooks.route(d -> toA.contains(d.docName()) ? a : b);
        for (Map<String, Object> doc : docs) {
            List<FrappeWebhooks.Delivery> sent = rig.deliveries.get(doc.get("name").toString());
            rig.webhooks.send(sent.get(0)); // after_insert, as first delivered
            rig.webhooks.send(sent.get(1)); // on_update of the same, first state
        }
        rig.settle();
        long puts = rig.frappe.writes(FrappeStandIn.MESSAGE, "conversation").values().stream().mapToLong(Long::longValue).sum();
        tally.note("link_puts_after_replay", puts - putsBefore);
        tally.note("old_states_announced", tally.events().stream()
                .filter(e -> e.event().equals(MessageUpdate.NAME))
                .filter(e -> e.message().get("message") instanceof Map<?, ?> m
                        && "0".equals(String.valueOf(m.get("is_read"))))
                .count());
        return tally.figures();
    }
}
