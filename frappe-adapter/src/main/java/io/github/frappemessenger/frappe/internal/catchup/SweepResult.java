package io.github.frappemessenger.frappe.internal.catchup;

import java.util.Optional;

/**
 * What one sweep did. {@code complete}: it read the site to its end; otherwise {@code stoppedBy} says why not (another
 * process holds the sweep, Redis or Frappe failed, the time budget ran out) and the next sweep resumes from the
 * cursor. Immutable.
 *
 * @param restCalls  REST calls made to read the site (the linking and announcing calls not counted)
 * @param rows       rows read past the cursor
 * @param announced  states announced (their events emitted)
 * @param linked     messages that had no conversation and were linked
 * @param skipped    rows the lifecycle refuses (e.g. no sender_id): passed over for good, logged
 */
public record SweepResult(boolean complete, int restCalls, int rows, int announced, int linked, int skipped,
                          Optional<String> stoppedBy) {

    static SweepResult stopped(String why) {
        return new SweepResult(false, 0, 0, 0, 0, 0, Optional.of(why));
    }
}
