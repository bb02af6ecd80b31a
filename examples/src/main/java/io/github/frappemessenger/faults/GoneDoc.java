package io.github.frappemessenger.faults;

import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.testing.FrappeStandIn;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliveries for messages the site does not have (deleted since, or never committed), from senders who have a
 * conversation: nothing may change — no conversation moved to a message that does not exist, nothing announced —
 * and Frappe should not have to retry.
 */
final class GoneDoc implements Scenario {
    private final FaultsOptions o;

    GoneDoc(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "gone-doc";
    }

    @Override
    public String fault() {
        return String.format("after_insert + on_update for %d messages the site does not have", ghosts());
    }

    private int ghosts() {
        return o.size(20, 10);
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        List<String> senders = new ArrayList<>();
        for (int s = 0; s < ghosts(); s++) {
            senders.add("psid-" + rig.id + "-" + s);
        }
        Senders.run(ghosts(), s -> rig.newMessage("GONE-REAL", senders.get(s)));
        rig.settle();
        Map<String, Object> lastMessages = new LinkedHashMap<>();
        rig.frappe.docs(FrappeStandIn.CONVERSATION).forEach(c -> lastMessages.put(c.get("name").toString(),
                c.get("last_message")));
        Tally tally = Tally.begin(rig, name(), fault());
        String stamp = FrappeDates.format(LocalDateTime.now());
        for (int s = 0; s < ghosts(); s++) {
            Map<String, Object> ghost = Rig.incoming("GONE-" + rig.id + "-" + s, senders.get(s));
            ghost.put("creation", stamp);
            ghost.put("modified", stamp);
            ghost.put("doctype", FrappeStandIn.MESSAGE);
            tally.watch(ghost);
            rig.webhooks.send(rig.webhooks.prepare("after_insert", ghost));
            rig.webhooks.send(rig.webhooks.prepare("on_update", ghost));
        }
        rig.settle();
        long moved = rig.frappe.docs(FrappeStandIn.CONVERSATION).stream()
                .filter(c -> !java.util.Objects.equals(lastMessages.get(c.get("name").toString()), c.get("last_message")))
                .count();
        tally.note("conversations_changed_by_ghosts", moved);
        tally.note("ghost_link_puts", rig.frappe.writes(FrappeStandIn.MESSAGE, "conversation").keySet().stream().filter(n -> n.startsWith("GONE-" + rig.id))
                .count());
        return tally.figures();
    }
}
