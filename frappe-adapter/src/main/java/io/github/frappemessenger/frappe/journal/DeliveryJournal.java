package io.github.frappemessenger.frappe.journal;

import io.github.frappemessenger.frappe.internal.journal.JournalEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's promise keeper: a delivery is appended here, and forced to disk, before it is answered 2xx; it is
 * marked done once fully processed. After a crash (SIGKILL included) {@link #recovered()} holds every entry not marked
 * done, in arrival order, to be processed again.
 *
 * <p>On disk: append-only segment files {@code deliveries-<first seq>.log} in one directory, which one process holds
 * at a time (a lock file). A done mark is appended to the segment holding its entry, so each segment can be judged on
 * its own; a segment whose entries are all done is deleted (compaction), the one being written to once it is full.
 *
 * <p>Thread-safe: appends are serialised (one fsync at a time).
 */
public final class DeliveryJournal implements AutoCloseable {
    /** A segment is closed for new entries past this size. */
    public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;
    private static final Logger log = LoggerFactory.getLogger(DeliveryJournal.class);

    private final Path dir;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<JournalEntry> recovered;
    private final Map<Long, JournalSegment> pending = new HashMap<>(); // guarded by this
    private final List<JournalSegment> segments = new ArrayList<>(); // guarded by this
    private JournalSegment current; // guarded by this
    private long nextSeq; // guarded by this
    private long written; // guarded by this: entries written so far (this process)
    private final Object forceLock = new Object();
    private long forced; // guarded by forceLock: entries known to be on disk
    private boolean closed; // guarded by this

    private DeliveryJournal(Path dir, long segmentBytes, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recovered = load();
    }

    /** Opens (creating it if needed) the journal in {@code dir}, with 16 MiB segments. */
    public static DeliveryJournal open(Path dir) throws IOException {
        return open(dir, DEFAULT_SEGMENT_BYTES);
    }

    /**
     * Opens the journal in {@code dir}, reading what an earlier process left.
     *
     * @throws IOException when the directory cannot be used, or another process holds it
     */
    public static DeliveryJournal open(Path dir, long segmentBytes) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segmentBytes must be positive, got " + segmentBytes);
        }
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("the delivery journal " + dir + " is in use by another bridge process; give each "
                    + "process its own directory");
        }
        try {
            return new DeliveryJournal(dir, segmentBytes, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private List<JournalEntry> load() throws IOException {
        Map<Long, JournalEntry> entries = new LinkedHashMap<>();
        Map<Long, Path> where = new HashMap<>();
        Set<Long> done = new HashSet<>();
        long maxSeq = 0;
        for (Path file : JournalSegment.list(dir)) {
            JournalSegment.read(file, e -> {
                entries.put(e.seq(), e);
                where.put(e.seq(), file);
            }, done::add, at -> log.warn("delivery journal: ignoring a torn record in {} (never answered 2xx)", at));
            maxSeq = Math.max(maxSeq, JournalSegment.firstSeqOf(file));
        }
        for (long seq : entries.keySet()) {
            maxSeq = Math.max(maxSeq, seq);
        }
        done.forEach(entries::remove);
        Map<Path, JournalSegment> open = new HashMap<>();
        for (JournalEntry e : entries.values()) {
            Path file = where.get(e.seq());
            JournalSegment segment = open.get(file);
            if (segment == null) {
                segment = JournalSegment.open(file, JournalSegment.firstSeqOf(file));
                open.put(file, segment);
                segments.add(segment);
            }
            segment.pending++;
            pending.put(e.seq(), segment);
        }
        for (Path file : JournalSegment.list(dir)) {
            if (!open.containsKey(file)) {
                Files.deleteIfExists(file); // every entry in it is done
            }
        }
        nextSeq = maxSeq + 1;
        List<JournalEntry> left = new ArrayList<>(entries.values());
        left.sort(Comparator.comparingLong(JournalEntry::seq));
        if (!left.isEmpty()) {
            log.info("delivery journal {}: {} delivery(ies) accepted before a restart still to process", dir,
                    left.size());
        }
        return List.copyOf(left);
    }

    /** The entries an earlier process accepted and did not finish, oldest first. */
    public List<JournalEntry> recovered() {
        return recovered;
    }

    /**
     * Appends a delivery and forces it to disk; on return it survives a crash. Concurrent appends share one fsync
     * (group commit): whoever forces the file makes every entry written before it durable.
     *
     * @throws IOException when it could not be made durable (the caller must not answer 2xx for it)
     */
    public JournalEntry append(String event, String doctype, String name, byte[] body) throws IOException {
        JournalEntry entry;
        long position;
        synchronized (this) {
            if (closed) {
                throw new IOException("the delivery journal is closed");
            }
            if (current == null || current.size() >= segmentBytes) {
                roll();
            }
            entry = new JournalEntry(nextSeq, event, doctype, name, Instant.now(), body);
            current.appendEntry(entry, false);
            nextSeq++;
            current.pending++;
            pending.put(entry.seq(), current);
            position = ++written;
        }
        synchronized (forceLock) {
            if (forced < position) {
                JournalSegment segment;
                long target;
                synchronized (this) {
                    segment = current; // entries in earlier segments were forced when they rolled
                    target = written;
                }
                segment.force();
                forced = target;
            }
        }
        return entry;
    }

    /** Marks an entry done; a segment left with nothing to do is deleted. Unknown or repeated seqs are ignored. */
    public synchronized void complete(long seq) throws IOException {
        JournalSegment segment = pending.remove(seq);
        if (segment == null || closed) {
            return;
        }
        segment.appendDone(seq);
        segment.pending--;
        if (segment.pending == 0 && segment != current) {
            segments.remove(segment);
            segment.delete();
        }
    }

    /** Entries accepted and not yet done. */
    public synchronized int backlog() {
        return pending.size();
    }

    /** Segment files on disk now. */
    public synchronized int segmentCount() {
        return segments.size();
    }

    public Path directory() {
        return dir;
    }

    private void roll() throws IOException {
        JournalSegment old = current;
        if (old != null) {
            old.force();
        }
        current = JournalSegment.open(JournalSegment.pathOf(dir, nextSeq), nextSeq);
        segments.add(current);
        syncDirectory();
        if (old != null && old.pending == 0) {
            segments.remove(old);
            old.delete();
        }
    }

    /** Makes a new file's name durable too (Linux: fsync on the directory). */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            log.debug("could not fsync the journal directory {} (not supported here?)", dir, e);
        }
    }

    /** Closes the files; entries not done stay for the next process. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (JournalSegment s : segments) {
            try {
                if (s.pending == 0) {
                    s.delete();
                } else {
                    s.close();
                }
            } catch (IOException e) {
                log.warn("delivery journal: could not close {}: {}", s.path, e.toString());
            }
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.debug("delivery journal: could not release the lock of {}", dir, e);
        }
    }

    @Override
    public String toString() {
        return "DeliveryJournal[" + dir + "]";
    }
}
