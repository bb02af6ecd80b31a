package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad lines are reported as {@code line N: reason} and skipped, the same from a file as from stdin. */
class DemoBadLinesTest {
    private static final String GOOD = "{\"name\": \"G1\", \"sender_id\": \"s1\", \"platform\": \"Messenger\", "
            + "\"message_direction\": \"Incoming\", \"message\": \"hi\", \"timestamp\": \"2026-11-20 10:00:00\"}\n";

    @TempDir
    Path dir;

    private static byte[] withLatin1Line() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(GOOD.getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"name\": \"L1\", \"message\": \"caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // 'é' in Latin-1: not UTF-8
        bytes.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.write(GOOD.replace("G1", "G2").getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    @Test
    void nonUtf8BytesFromStdinAreABadLine() throws Exception {
        assertLatin1LineSkipped(CliRun.of(Map.of(), withLatin1Line(), "demo", "--input", "-"));
    }

    @Test
    void nonUtf8BytesFromAFileAreABadLineToo() throws Exception {
        Path file = Files.write(dir.resolve("latin1.jsonl"), withLatin1Line());
        assertLatin1LineSkipped(CliRun.of("demo", "--input", file.toString()));
    }

    private static void assertLatin1LineSkipped(CliRun run) {
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("line 2: not UTF-8 text (byte 31 is 0xe9); skipped\n");
        assertThat(run.out().lines().count()).as("both good lines played: " + run.out()).isEqualTo(8);
        assertThat(run.out()).as("nothing replaced silently").doesNotContain("\ufffd");
    }

    @Test
    void aLineThatIsNotAJsonObjectSaysWhatItIsInPlainWords() throws Exception {
        String input = "[1, 2]\n\"text\"\n42\nnull\n{\"name\": \n<html>\n";
        CliRun run = CliRun.of(Map.of(), input.getBytes(StandardCharsets.UTF_8), "demo", "--input", "-");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("""
                line 1: not a JSON object: the line is an array; each line must be one Messenger Message doc {...}
                line 2: not a JSON object: the line is a string; each line must be one Messenger Message doc {...}
                line 3: not a JSON object: the line is a number; each line must be one Messenger Message doc {...}
                line 4: not a JSON object: the line is null; each line must be one Messenger Message doc {...}
                line 5: not a JSON object: broken JSON at column 10
                line 6: not a JSON object: not JSON at all (starts with '<')
                """);
        assertThat(run.err()).doesNotContain("Jackson", "java.");
    }

    @Test
    void aNewMessageWithoutTimestampIsABadLineButAnUpdateNeedsNone() throws Exception {
        String input = GOOD.replace(", \"timestamp\": \"2026-11-20 10:00:00\"", "")
                + GOOD + "{\"name\": \"G1\", \"is_read\": 1}\n";
        CliRun run = CliRun.of(Map.of(), input.getBytes(StandardCharsets.UTF_8), "demo", "--input", "-");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("line 1: the doc has no 'timestamp' (a new message needs one, e.g. \"2026-11-20 10:00:00\")\n");
        assertThat(run.out().lines().count()).as(run.out()).isEqualTo(8);
    }

    @Test
    void windowsLineEndingsAndABlankLastLineAreFine() throws Exception {
        String input = GOOD.replace("\n", "\r\n") + "\r\n";
        CliRun run = CliRun.of(Map.of(), input.getBytes(StandardCharsets.UTF_8), "demo", "--input", "-");
        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.out().lines().count()).isEqualTo(4);
    }
}
