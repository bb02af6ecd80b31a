package io.github.frappemessenger.frappe.internal.catchup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.internal.LogSafe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's copy of the sweep cursor in a local file, for when Redis loses its data (a restart without
 * persistence): the once-records and the shared cursor are gone then, and a sweep from the lookback would announce
 * every state of that window a second time. Written at the end of every sweep that moved the cursor (JSON, to a
 * temporary file moved over the copy), so it lags the shared cursor by at most one sweep; not forced to disk (after
 * a machine crash an older copy only means more repeats, never a row skipped). A missing or unreadable copy is none.
 * Used by the sweeping thread only (under the sweep lock); not thread-safe.
 */
final class CursorCopy {
    private static final Logger log = LoggerFactory.getLogger(CatchUpSweep.class);

    private final Path file; // null: no copy kept
    private final ObjectMapper json = new ObjectMapper();
    private boolean warned;

    CursorCopy(Path file) {
        this.file = file;
    }

    Optional<SweepCursor> read() {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), SweepCursor.class));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void write(SweepCursor cursor) {
        if (file == null) {
            return;
        }
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temporary.toFile(), cursor);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!warned) { // once: the sweep works without it, only a Redis data loss would repeat more
                warned = true;
                log.warn("catch-up could not keep its local cursor copy {} ({}); after a Redis data loss it would "
                        + "start from its lookback", file, LogSafe.of(e.toString()));
            }
        }
    }
}
