package io.github.frappemessenger.faults;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The fault table on stdout: one row per scenario, then each scenario's own figures. */
final class FaultsTable {
    private static final String ROW = "%-24s %6s %6s %9s %6s %11s %9s %8s %9s %7s %8s %6s%n";

    private FaultsTable() {
    }

    static void print(List<Figures> rows, Map<String, String> cannotRun, PrintStream out) {
        out.printf(Locale.ROOT, ROW, "scenario", "saved", "linked", "announced", "twice", "events lost",
                "no conv.", "2+ conv.", "max ms", ">5 s", "gave up", "held");
        for (Figures f : rows) {
            out.printf(Locale.ROOT, ROW, f.scenario(), f.saved(), f.linked(),
                    f.announced(), f.announcedTwice(), f.eventsLost() + "/" + f.eventsExpected(),
                    f.sendersWithoutConversation() + "/" + f.senders(), f.sendersWithSeveral(),
                    Math.round(f.maxAnswerMillis()), f.attemptsOver5s() + "/" + f.attempts(), f.givenUp(),
                    f.slowHeld() == null ? "-" : f.slowHeld().toString());
        }
        out.println();
        for (Figures f : rows) {
            out.println(f.scenario() + ": " + f.fault());
            out.println("    " + f.notes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        cannotRun.forEach((scenario, why) -> out.println(scenario + ": COULD NOT RUN: " + why));
    }
}
