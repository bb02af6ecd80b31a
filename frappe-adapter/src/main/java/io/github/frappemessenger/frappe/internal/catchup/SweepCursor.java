package io.github.frappemessenger.frappe.internal.catchup;

import io.github.frappemessenger.internal.FrappeDates;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Objects;

/**
 * How far the catch-up sweep has read a site: the {@code modified} and {@code name} of the last row it processed, in
 * the order it reads ({@code modified asc, name asc}, the name breaking ties). Immutable.
 */
public record SweepCursor(String modified, String name) implements Comparable<SweepCursor> {
    private static final Comparator<SweepCursor> ORDER = Comparator
            .comparing((SweepCursor c) -> FrappeDates.parse(c.modified()))
            .thenComparing(SweepCursor::name);

    public SweepCursor {
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(name, "name");
        FrappeDates.parse(modified); // refuses anything that is not a Frappe date-time
    }

    /** A cursor before every row modified at or after {@code time}. */
    static SweepCursor before(LocalDateTime time) {
        return new SweepCursor(FrappeDates.format(time), "");
    }

    LocalDateTime modifiedTime() {
        return FrappeDates.parse(modified);
    }

    @Override
    public int compareTo(SweepCursor other) {
        return ORDER.compare(this, other);
    }
}
