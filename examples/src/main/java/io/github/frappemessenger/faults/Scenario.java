package io.github.frappemessenger.faults;

/** One row of the fault table: how to bring the fault about against a fresh {@link Rig}, and what it left. */
interface Scenario {
    /** Short name, e.g. {@code redis-down-new-messages}; {@code --only} takes it. */
    String name();

    /** The fault in one line, with this run's sizes. */
    String fault();

    /** Bridge processes the scenario needs. */
    default int bridges() {
        return 1;
    }

    /** The bridges' maximum heap ({@code -Xmx}). */
    default String heap() {
        return "256m";
    }

    /** Runs the fault, lets the bridges settle, and counts. */
    Figures run(Rig rig) throws Exception;
}
