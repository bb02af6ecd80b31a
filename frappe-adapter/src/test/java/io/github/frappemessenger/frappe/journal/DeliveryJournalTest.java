package io.github.frappemessenger.frappe.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
            assertThat(journal.backlog()).isEqualTo(2);
            assertThat(second.seq()).isGreaterThan(first.seq());
        }

        try (DeliveryJournal reopened = DeliveryJournal.open(dir)) {
            List<JournalEntry> left = reopened.recovered();
            assertThat(left.stream().map(JournalEntry::name).toList())
                    .isEqualTo(List.of("MSG-1", "MSG-2 \u00e9\ud83d\ude00"));
            assertThat(left.get(0).event()).isEqualTo("on_update");
            assertThat(left.get(0).body()).containsExactly(body("{\"a\":2}"));
            assertThat(reopened.backlog()).isEqualTo(2);
            JournalEntry next = reopened.append("on_update", "Messenger Message", "MSG-3", body("{}"));
            assertThat(next.seq())
                    .as("sequence numbers keep increasing across restarts").isGreaterThan(left.get(1).seq());
        }
    }

    @Test
    void segmentsWhoseEntriesAreAllDoneAreDeleted() throws IOException {
        try (DeliveryJournal journal = DeliveryJournal.open(dir, 200)) {
            List<JournalEntry> entries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                entries.add(journal.append("on_update", "Messenger Message", "MSG-" + i, new byte[150]));
            }
            assertThat(segmentFiles()).as("rolled into several segments: " + segmentFiles()).isGreaterThanOrEqualTo(10);
            for (JournalEntry e : entries.subList(0, 19)) {
                journal.complete(e.seq());
            }
            assertThat(journal.backlog()).isEqualTo(1);
            assertThat(segmentFiles()).as("only the segment holding the open entry is left").isEqualTo(1);
            journal.complete(entries.get(19).seq());
        }
        assertThat(segmentFiles()).as("nothing left to do: nothing left on disk").isEqualTo(0);
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
            assertThat(reopened.recovered().stream().map(JournalEntry::name).toList()).isEqualTo(List.of("MSG-1"));
        }
    }

    @Test
    void oneProcessAtATimeHoldsADirectory() throws IOException {
        try (DeliveryJournal journal = DeliveryJournal.open(dir)) {
            IOException refused = assertThatExceptionOfType(IOException.class)
                    .isThrownBy(() -> DeliveryJournal.open(dir)).actual();
            assertThat(refused.getMessage()).contains("in use");
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
            assertThat(left).hasSize(200);
            assertThat(left.stream().map(JournalEntry::seq).distinct().count()).isEqualTo(200);
            left.forEach(e -> assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo(e.name()));
        }
    }

    private long segmentFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).count();
        }
    }
}
