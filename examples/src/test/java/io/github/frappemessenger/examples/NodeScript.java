package io.github.frappemessenger.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Node script of {@code examples/node/tests} run as a child process: its output lines arrive on a queue (so a test
 * can answer a line such as {@code RESTART}), stderr goes to the test's output, and it is killed if the test ends
 * first. {@code npm ci} runs once when {@code node_modules} is missing.
 */
final class NodeScript implements AutoCloseable {
    static final Path DIR = Path.of("node").toAbsolutePath();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private final Writer stdin;

    private NodeScript(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    System.out.println("[node] " + line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            lines.add("<exit>");
        }, "node-script-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static NodeScript start(String script, String... args) throws IOException, InterruptedException {
        if (!Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
            Process ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                    .inheritIO().start();
            if (!ci.waitFor(300, TimeUnit.SECONDS) || ci.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + DIR + " failed");
            }
        }
        List<String> command = new ArrayList<>(List.of("node", "tests/" + script));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        return new NodeScript(pb.start());
    }

    /** The next line of output, or {@code <exit>} when the script ended; null on timeout. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line != null) {
            transcript.add(line);
            if (line.equals("<exit>")) {
                lines.add(line);
            }
        }
        return line;
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Reads lines until the script ends (or the timeout); returns its exit code, -1 on timeout. */
    int finish(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = nextLine(Duration.ofMillis(200));
            if ("<exit>".equals(line)) {
                process.waitFor(5, TimeUnit.SECONDS);
                return process.exitValue();
            }
        }
        return -1;
    }

    String transcript() {
        return String.join("\n", transcript);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
