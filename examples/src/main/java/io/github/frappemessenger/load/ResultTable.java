package io.github.frappemessenger.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints {@link Results} as a plain-text table: ratios first, then the absolute figures. */
final class ResultTable {
    private ResultTable() {
    }

    static void print(Results results, Machine machine, PrintStream out) {
        List<Results.Row> rows = results.tableOrder();
        int part = Math.max(4, rows.stream().mapToInt(r -> r.part().length()).max().orElse(0));
        int name = Math.max(11, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String format = "%-" + part + "s  %-" + name + "s  %12s %-10s %s%n";
        out.println("machine: " + machine.summary());
        out.printf(Locale.ROOT, format, "part", "measurement", "value", "unit", "note");
        Results.Kind previous = null;
        for (Results.Row r : rows) {
            if (previous == Results.Kind.RATIO && r.kind() != Results.Kind.RATIO) {
                out.println();
            }
            previous = r.kind();
            out.printf(Locale.ROOT, format, r.part(), r.name(), value(r), r.unit(), r.note() == null ? "" : r.note());
        }
        out.flush();
    }

    /** Rates as whole numbers with separators, latencies and ratios with two or three significant decimals. */
    static String value(Results.Row r) {
        Double v = r.value();
        if (v == null) {
            return "-";
        }
        if (v.isNaN()) {
            return "n/a";
        }
        if (r.unit().endsWith("/s") || r.unit().equals("webhooks") || r.unit().equals("events")) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
