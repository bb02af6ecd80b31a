package io.github.frappemessenger.frappe.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.internal.journal.JournalEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on a real file system: what survives a reopen, compaction, torn tails, one process per directory. */
class DeliveryJournalTest {
    @TempDir
    Path dir;

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void entriesNotDoneAreRecoveredInArrivalOrderAfterAReopen() throws IOException {
        try (DeliveryJournal journal = DeliveryJournal.open(dir)) {
            JournalEntry first = journal.append("after_insert", "Messenger Message", "MSG-1", body("{\"a\":1}"));
            JournalEntry second = journal.append("on_update", "Messenger Message", "MSG-1", body("{\"a\":2}"));
            journal.append("on_update", "Messenger Message", "MSG-2 \u00e9\ud83d\ude00", body("{\"b\":1}"));
            journal.complete(first.seq());
            assertEquals(2, journal.backlog());
            assertTrue(second.seq() > first.seq());
        }

        try (DeliveryJournal reopened = DeliveryJournal.open(dir)) {
            List<JournalEntry> left = reopened.recovered();
            assertEquals(List.of("MSG-1", "MSG-2 \u00e9\ud83d\ude00"), left.stream().map(JournalEntry::name).toList());
            assertEquals("on_update", left.get(0).event());
            assertArrayEquals(body("{\"a\":2}"), left.get(0).body());
            assertEquals(2, reopened.backlog());
            JournalEntry next = reopened.append("on_update", "Messenger Message", "MSG-3", body("{}"));
            assertTrue(next.seq() > left.get(1).seq(), "sequence numbers keep increasing across restarts");
        }
    }

    @Test
    void segmentsWhoseEntriesAreAllDoneAreDeleted() throws IOException {
        try (DeliveryJournal journal = DeliveryJournal.open(dir, 200)) {
            List<JournalEntry> entries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                entries.add(journal.append("on_update", "Messenger Message", "MSG-" + i, new byte[150]));
            }
            assertTrue(segmentFiles() >= 10, "rolled into several segments: " + segmentFiles());
            for (JournalEntry e : entries.subList(0, 19)) {
                journal.complete(e.seq());
            }
            assertEquals(1, journal.backlog());
            assertEquals(1, segmentFiles(), "only the segment holding the open entry is left");
            journal.complete(entries.get(19).seq());
        }
        assertEquals(0, segmentFiles(), "nothing left to do: nothing left on disk");
    }

    @Test
    void aTornLastRecordIsIgnoredAndEverythingBeforeItKept() throws IOException {
        try (DeliveryJournal journal = DeliveryJournal.open(dir)) {
            journal.append("on_update", "Messenger Message", "MSG-1", body("{\"x\":1}"));
            journal.append("on_update", "Messenger Message", "MSG-2", body("{\"x\":2}"));
        }
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.filter(f -> f.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
        }
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 3); // a crash in the middle of the second write
        }

        try (DeliveryJournal reopened = DeliveryJournal.open(dir)) {
            assertEquals(List.of("MSG-1"), reopened.recovered().stream().map(JournalEntry::name).toList());
        }
    }

    @Test
    void oneProcessAtATimeHoldsADirectory() throws IOException {
        try (DeliveryJournal journal = DeliveryJournal.open(dir)) {
            IOException refused = assertThrows(IOException.class, () -> DeliveryJournal.open(dir));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
        }
    }

    @Test
    void concurrentAppendsGetDistinctSequenceNumbersAndAllSurvive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DeliveryJournal journal = DeliveryJournal.open(dir)) {
            List<Future<JournalEntry>> appended = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = "MSG-" + i;
                appended.add(pool.submit(() -> journal.append("on_update", "Messenger Message", name, body(name))));
            }
            for (Future<JournalEntry> f : appended) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (DeliveryJournal reopened = DeliveryJournal.open(dir)) {
            List<JournalEntry> left = reopened.recovered();
            assertEquals(200, left.size());
            assertEquals(200, left.stream().map(JournalEntry::seq).distinct().count());
            left.forEach(e -> assertEquals(e.name(), new String(e.body(), StandardCharsets.UTF_8)));
        }
    }

    private long segmentFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).count();
        }
    }
}
