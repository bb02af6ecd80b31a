package io.github.frappemessenger.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code load} run measured, in the order measured: ratios (the targets), absolute figures, and
 * the measurements that were skipped or failed. Thread-safe (parts may add from helper threads).
 */
final class Results {
    enum Kind { RATIO, FIGURE, SKIPPED, FAILED, BASELINE_MISSING }

    /**
     * One line of the table; {@code value} is null for a skipped or failed measurement; {@code key} names a ratio
     * for scripts (e.g. {@code emitter_vs_redis_benchmark_p16}), null for other rows.
     */
    record Row(Kind kind, String part, String key, String name, Double value, String unit, String note) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind.name().toLowerCase());
            if (key != null) {
                m.put("key", key);
            }
            m.put("part", part);
            m.put("name", name);
            m.put("value", value == null || value.isNaN() ? null : value);
            m.put("unit", unit);
            m.put("note", note);
            return m;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** A ratio; NaN when one side could not be measured (the row then says why). */
    synchronized void ratio(String part, String key, String name, double value, String note) {
        rows.add(new Row(Kind.RATIO, part, key, name, value, "x", note));
    }

    synchronized void figure(String part, String name, double value, String unit, String note) {
        rows.add(new Row(Kind.FIGURE, part, null, name, value, unit, note));
    }

    synchronized void skipped(String part, String name, String why) {
        rows.add(new Row(Kind.SKIPPED, part, null, name, null, "", "skipped: " + why));
    }

    synchronized void failed(String part, String name, String why) {
        rows.add(new Row(Kind.FAILED, part, null, name, null, "", "FAILED: " + why));
    }

    /** A baseline a ratio needs could not run (its tool is missing): a failure, never a silent skip. */
    synchronized void baselineMissing(String part, String name, String why) {
        rows.add(new Row(Kind.BASELINE_MISSING, part, null, name, null, "", "FAILED, baseline missing: " + why));
    }

    synchronized boolean anyFailed() {
        return rows.stream().anyMatch(r -> r.kind() == Kind.FAILED || r.kind() == Kind.BASELINE_MISSING);
    }

    synchronized long count(Kind kind) {
        return rows.stream().filter(r -> r.kind() == kind).count();
    }

    /** Every ratio by its key, null where it could not be measured: what a script compares between runs. */
    synchronized Map<String, Double> ratios() {
        Map<String, Double> m = new LinkedHashMap<>();
        rows.stream().filter(r -> r.kind() == Kind.RATIO)
                .forEach(r -> m.put(r.key(), r.value() == null || r.value().isNaN() ? null : r.value()));
        return m;
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Ratios first, then everything else in the order measured. */
    synchronized List<Row> tableOrder() {
        List<Row> ordered = new ArrayList<>();
        rows.stream().filter(r -> r.kind() == Kind.RATIO).forEach(ordered::add);
        rows.stream().filter(r -> r.kind() != Kind.RATIO).forEach(ordered::add);
        return ordered;
    }

    synchronized List<Map<String, Object>> toJson() {
        return tableOrder().stream().map(Row::toJson).toList();
    }
}
