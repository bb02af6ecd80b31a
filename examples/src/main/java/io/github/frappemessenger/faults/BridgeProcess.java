package io.github.frappemessenger.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bridge process — this jar's {@code bridge} command in a child JVM, configured by environment variables as an
 * operator configures it — on a fixed loopback port, so that a restart comes back at the same URL. Its log (stderr)
 * goes to a file and is scanned line by line. {@link #stop()} is SIGTERM (the shutdown hook runs), {@link #kill()} is
 * SIGKILL. Not thread-safe.
 */
final class BridgeProcess implements AutoCloseable {
    /** A line that only a doc name with a newline in it can start (see the unsafe-names scenario). */
    static final String FORGED = "[frappe-webhook-1] ERROR forged";
    private static final long START_TIMEOUT_S = 60;

    private final String label;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private final AtomicLong forgedLines = new AtomicLong();
    private final AtomicLong errorLines = new AtomicLong();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private Process process;

    private final String classpath;
    private final String heap;

    /**
     * {@code classpath} holds the bridge to run: this jar's, or another build's ({@code faults --bridge-jar});
     * {@code heap} is the child JVM's maximum heap ({@code -Xmx}), e.g. {@code 256m}.
     */
    BridgeProcess(String label, Map<String, String> env, Path logDir, String classpath, String heap)
            throws IOException {
        this.label = label;
        this.heap = heap;
        this.classpath = classpath;
        this.port = OwnRedis.freePort();
        this.env = Map.copyOf(env);
        this.log = logDir.resolve(label + ".log");
    }

    URI webhooks() {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/frappe/");
    }

    int port() {
        return port;
    }

    /** Starts the child JVM and waits until it listens; {@link ScenarioCannotRun} when it does not. */
    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", classpath,
                "io.github.frappemessenger.examples.Main", "bridge"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        pb.environment().put("BRIDGE_HOST", "127.0.0.1");
        pb.environment().put("BRIDGE_PORT", Integer.toString(port));
        // One journal directory per bridge process (a second process on the same directory is refused); the same
        // label finds its journal again after a restart.
        pb.environment().putIfAbsent("BRIDGE_JOURNAL_DIR", log.resolveSibling(label + ".journal").toString());
        Process p = pb.start();
        process = p;
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(p, listening), "faults-" + label + "-log");
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(START_TIMEOUT_S, TimeUnit.SECONDS) || !p.isAlive()) {
            p.destroyForcibly();
            throw new ScenarioCannotRun("bridge " + label + " did not start listening within " + START_TIMEOUT_S
                    + " s; its last lines: " + lastLines() + " (log " + log + ")");
        }
    }

    private void read(Process p, CountDownLatch listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                file.println(line);
                if (line.startsWith(FORGED)) {
                    forgedLines.incrementAndGet();
                }
                if (line.contains(" ERROR ")) {
                    errorLines.incrementAndGet();
                }
                if (line.contains("listening on")) {
                    listening.countDown();
                }
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 5) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private String lastLines() {
        synchronized (lastLines) {
            return String.join(" | ", lastLines);
        }
    }

    /** The file its log goes to. */
    Path log() {
        return log;
    }

    long forgedLines() {
        return forgedLines.get();
    }

    long errorLines() {
        return errorLines.get();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, as an orderly restart: the bridge's shutdown hook runs; SIGKILL after 20 s. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /** SIGKILL: the process dies at once, whatever it was doing. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
