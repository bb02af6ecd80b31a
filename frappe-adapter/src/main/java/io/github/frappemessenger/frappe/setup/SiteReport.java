package io.github.frappemessenger.frappe.setup;

import java.util.List;
import java.util.stream.Collectors;

/** What {@link SiteSetup} or {@link SiteDoctor} found, one {@link Check} per item, in the order checked. Immutable. */
public record SiteReport(List<Check> checks) {

    public SiteReport {
        checks = List.copyOf(checks);
    }

    /** True when every check is ready, created or a warning. */
    public boolean ready() {
        return checks.stream().allMatch(c -> c.status().isReady());
    }

    /** The checks that are not ready (not-ready or failed). */
    public List<Check> problems() {
        return checks.stream().filter(c -> !c.status().isReady()).toList();
    }

    /** How many checks have this status. */
    public long count(Check.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** One line per check, as {@link Check#line()}. */
    public String text() {
        return checks.stream().map(Check::line).collect(Collectors.joining("\n"));
    }
}
