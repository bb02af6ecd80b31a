package io.github.frappemessenger.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outside program (redis-benchmark, the Python baseline) to completion and returns its output. Output goes
 * to temporary files rather than pipes, so a chatty program never blocks on a full pipe while we wait for it.
 */
final class ExternalCommand {
    record Outcome(int exitCode, String stdout, String stderr) {
        /** The last non-blank line of stdout, where both tools print their result. */
        String lastLine() {
            String[] lines = stdout.strip().split("\r?\n|\r");
            return lines[lines.length - 1].strip();
        }
    }

    private ExternalCommand() {
    }

    /**
     * @throws Skipped when the program is not installed
     * @throws IllegalStateException when it runs longer than {@code timeout} (it is then killed)
     */
    static Outcome run(List<String> command, Duration timeout) {
        File out = null;
        File err = null;
        try {
            out = File.createTempFile("load-", ".out");
            err = File.createTempFile("load-", ".err");
            Process p;
            try {
                p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
            } catch (IOException e) {
                throw new Skipped(command.get(0) + " is not installed (" + e.getMessage() + ")");
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeout);
            }
            return new Outcome(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("running " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(File f) {
        if (f != null && !f.delete()) {
            f.deleteOnExit();
        }
    }
}
