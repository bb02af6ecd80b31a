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
    enum Kind { RATIO, FIGURE, SKIPPED, FAILED }

    /** One line of the table; {@code value} is null for a skipped or failed measurement. */
    record Row(Kind kind, String part, String name, Double value, String unit, String note) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind.name().toLowerCase());
            m.put("part", part);
            m.put("name", name);
            m.put("value", value == null || value.isNaN() ? null : value);
            m.put("unit", unit);
            m.put("note", note);
            return m;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void ratio(String part, String name, double value, String note) {
        rows.add(new Row(Kind.RATIO, part, name, value, "x", note));
    }

    synchronized void figure(String part, String name, double value, String unit, String note) {
        rows.add(new Row(Kind.FIGURE, part, name, value, unit, note));
    }

    synchronized void skipped(String part, String name, String why) {
        rows.add(new Row(Kind.SKIPPED, part, name, null, "", "skipped: " + why));
    }

    synchronized void failed(String part, String name, String why) {
        rows.add(new Row(Kind.FAILED, part, name, null, "", "FAILED: " + why));
    }

    synchronized boolean anyFailed() {
        return rows.stream().anyMatch(r -> r.kind() == Kind.FAILED);
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
