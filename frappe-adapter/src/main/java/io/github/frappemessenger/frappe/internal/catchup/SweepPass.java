package io.github.frappemessenger.frappe.internal.catchup;

import io.github.frappemessenger.frappe.internal.once.OncePerState.Outcome;
import io.github.frappemessenger.frappe.internal.once.OncePerState;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.ListQuery;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep over a site's Messenger Messages, from the shared cursor on: pages of
 * {@code GET /api/resource/Messenger Message?fields=["*"]&filters=[["modified", ">=", <cursor>]]
 * &order_by=modified asc, name asc&limit_page_length=<page>} (a page whose rows all lie at or before the cursor, ties
 * of one {@code modified}, is passed with {@code limit_start}), each row past the cursor handed to
 * {@link OncePerState#catchUp} and the cursor saved after it. An idle site costs one call, which returns at most the
 * cursor's own row. With no cursor yet, the sweep starts {@code lookback} before the newest message. The sweep lock
 * is renewed after every row, and the cursor reached is copied to a local file at the end ({@link CursorCopy}): with
 * no cursor in Redis, the sweep resumes from that copy when it is later than the lookback's start. A page that does not fit in memory ({@link OutOfMemoryError}) or does not arrive in
 * time (a transient {@link FrappeException}: a timeout, a 5xx) is read again in pages a quarter the size, down to one row; each page
 * that goes through doubles the size again, up to the configured one. The sweep ends before a row whose
 * message still has deliveries in this process's journal ({@code journaled}): those announce its states in order,
 * and the next sweep starts from that row. Run by one thread at a time (under the sweep lock); not thread-safe.
 */
final class SweepPass {
    private static final Logger log = LoggerFactory.getLogger(CatchUpSweep.class);

    private final FrappeClient frappe;
    private final OncePerState once;
    private final Predicate<MessengerMessage> passOver;
    private final Predicate<MessengerMessage> journaled;
    private final SharedSweepState shared;
    private final CursorCopy copy;
    private final BooleanSupplier renewLock;
    private final int maxPageSize;
    private int pageSize; // quartered when a page fails, doubled back after each page that went through
    private final Duration lookback;
    private final Duration budget;
    private final Clock clock;

    SweepPass(FrappeClient frappe, OncePerState once, Predicate<MessengerMessage> passOver,
            Predicate<MessengerMessage> journaled, SharedSweepState shared, CursorCopy copy,
            BooleanSupplier renewLock, int pageSize, Duration lookback, Duration budget, Clock clock) {
        this.frappe = frappe;
        this.once = once;
        this.passOver = passOver;
        this.journaled = journaled;
        this.shared = shared;
        this.copy = copy;
        this.renewLock = renewLock;
        this.maxPageSize = pageSize;
        this.pageSize = pageSize;
        this.lookback = lookback;
        this.budget = budget;
        this.clock = clock;
    }

    SweepResult run() {
        SweepCursor[] reached = new SweepCursor[1];
        try {
            return run(reached);
        } finally {
            if (reached[0] != null) {
                copy.write(reached[0]);
            }
        }
    }

    private SweepResult run(SweepCursor[] reached) {
        Instant deadline = clock.instant().plus(budget);
        Counts counts = new Counts();
        Optional<SweepCursor> saved = shared.cursor();
        SweepCursor cursor = saved.orElse(null);
        if (cursor == null) {
            counts.restCalls++;
            List<Map<String, Object>> newest = frappe.getList(ListQuery.builder(MessengerMessage.DOCTYPE)
                    .fields("name", "modified").orderBy("modified desc, name desc").limitPageLength(1).build());
            if (newest.isEmpty()) {
                return counts.result(true, null); // nothing on the site yet
            }
            cursor = SweepCursor.before(new SweepCursor(text(newest.get(0).get("modified")), "")
                    .modifiedTime().minus(lookback));
            SweepCursor own = copy.read().orElse(null);
            if (own != null && own.compareTo(cursor) > 0) {
                // Redis lost the cursor, and with it the once-records: resuming from this process's copy repeats
                // only what changed since its last sweep, not the whole lookback.
                log.info("catch-up: Redis has no cursor (lost its data?); resuming from this process's copy at {}",
                        LogSafe.of(own.modified()));
                cursor = own;
            }
        }
        int start = 0;
        while (true) {
            counts.restCalls++;
            List<Map<String, Object>> rows;
            int asked = pageSize;
            try {
                rows = frappe.getList(page(cursor, start, asked));
            } catch (OutOfMemoryError | FrappeException tooLarge) {
                // Rows carry whole docs (a message's text may be 1 MiB): a page of 100 may not fit in a small heap,
                // or not arrive within the REST client's timeout. Smaller pages, down to one row, then give up.
                if (pageSize == 1 || (tooLarge instanceof FrappeException f && !f.isTransient())) {
                    throw tooLarge;
                }
                pageSize = Math.max(1, pageSize / 4);
                log.debug("catch-up: a page of Messenger Messages failed ({}); trying pages of {}", LogSafe.of(
                        String.valueOf(tooLarge.getMessage())), pageSize);
                continue;
            }
            boolean moved = false;
            for (Map<String, Object> row : rows) {
                SweepCursor at = new SweepCursor(text(row.get("modified")), text(row.get("name")));
                if (at.compareTo(cursor) <= 0) {
                    continue; // read before: the cursor's own row, or a tie at its modified
                }
                if (journaled.test(MessengerMessage.fromDoc(row))) {
                    // Its states are on their way through this process's journal, in order: they come first, and
                    // the next sweep resumes here. Everything before this row is repaired: a complete sweep.
                    return counts.result(true, null);
                }
                String stop = process(row, counts);
                if (stop != null) {
                    return counts.result(false, stop);
                }
                cursor = at;
                shared.cursor(cursor);
                reached[0] = cursor;
                moved = true;
                if (!renewLock.getAsBoolean()) {
                    return counts.result(false, "the sweep lock expired; another process sweeps on");
                }
            }
            pageSize = Math.min(maxPageSize, asked * 2); // back up after a smaller page went through
            if (rows.size() < asked) {
                return counts.result(true, null);
            }
            start = moved ? 0 : start + asked;
            if (clock.instant().isAfter(deadline)) {
                return counts.result(false, "the sweep's time budget of " + budget.toSeconds() + " s ran out");
            }
        }
    }

    private ListQuery page(SweepCursor cursor, int start, int size) {
        ListQuery.Builder query = ListQuery.builder(MessengerMessage.DOCTYPE)
                .fields("*")
                .where("modified", ">=", cursor.modified())
                .orderBy("modified asc, name asc")
                .limitPageLength(size);
        return (start > 0 ? query.limitStart(start) : query).build();
    }

    /** Processes one row; returns why the sweep must stop, or null to go on. */
    private String process(Map<String, Object> row, Counts counts) {
        counts.rows++;
        try {
            MessengerMessage message = MessengerMessage.fromDoc(row);
            boolean unlinked = message.conversation() == null || message.conversation().isBlank();
            if (passOver.test(message)) {
                counts.skipped++;
                return null;
            }
            Outcome outcome = once.catchUp(message);
            if (outcome == Outcome.ANNOUNCED) {
                counts.announced++;
            }
            if (unlinked && (outcome == Outcome.ANNOUNCED || outcome == Outcome.UNCHANGED)) {
                counts.linked++;
            }
            return null;
        } catch (MessengerValidationException | IllegalArgumentException refused) {
            counts.skipped++;
            log.warn("catch-up passes over Messenger Message {} for good: {}", LogSafe.of(row.get("name")),
                    LogSafe.of(refused.getMessage()));
            return null;
        } catch (RuntimeException failure) {
            return "Messenger Message " + row.get("name") + ": " + failure;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static final class Counts {
        int restCalls;
        int rows;
        int announced;
        int linked;
        int skipped;

        SweepResult result(boolean complete, String stoppedBy) {
            return new SweepResult(complete, restCalls, rows, announced, linked, skipped,
                    Optional.ofNullable(stoppedBy));
        }
    }
}
