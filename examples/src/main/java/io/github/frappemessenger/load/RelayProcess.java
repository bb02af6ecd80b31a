package io.github.frappemessenger.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Socket.IO test relay (relay.js, our stand-in for Frappe's realtime server) as a child process, started as
 * the tests' NodeRelay starts it: RELAY_PORT=0, REDIS_URL, RELAY_CHANNEL, RELAY_TOKENS, RELAY_EXIT_ON_STDIN_END=1,
 * ready when it prints {@code listening <port>}. {@link #close()} ends its stdin, then destroys it; should this JVM
 * die first, the closed stdin still makes the relay exit. Thread-safe.
 */
final class RelayProcess implements AutoCloseable {
    static final String DIR = "frappe-adapter/src/test/node/relay";
    private static final Pattern LISTENING = Pattern.compile("^listening (\\d+)$");
    private static final int KEPT_LINES = 40;

    private final Process process;
    private final Deque<String> output = new ArrayDeque<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private RelayProcess(Process process) {
        this.process = process;
    }

    /**
     * The relay's folder: {@code given}, else {@value #DIR} from the working directory.
     *
     * @throws Skipped when relay.js or its node_modules are missing
     */
    static Path locate(Path given) {
        Path dir = given != null ? given.toAbsolutePath() : RepoFiles.find(DIR).orElseThrow(() -> new Skipped(
                DIR + " not found from " + Path.of("").toAbsolutePath() + "; run from the repository root or pass "
                        + "--relay-dir"));
        if (!Files.isRegularFile(dir.resolve("relay.js"))) {
            throw new Skipped("no relay.js in " + dir);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/socket.io"))
                || !Files.isDirectory(dir.resolve("node_modules/redis"))) {
            throw new Skipped("the relay's node_modules are missing: run npm ci --prefix " + DIR);
        }
        return dir;
    }

    /** Starts the relay and waits until it listens. @throws Skipped when node is not installed */
    static RelayProcess start(Path dir, String redisUrl, String channel, String tokens, Duration timeout)
            throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("node", "relay.js")).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("RELAY_PORT", "0");
        pb.environment().put("REDIS_URL", redisUrl);
        pb.environment().put("RELAY_CHANNEL", channel);
        pb.environment().put("RELAY_TOKENS", tokens);
        pb.environment().put("RELAY_EXIT_ON_STDIN_END", "1");
        RelayProcess relay;
        try {
            relay = new RelayProcess(pb.start());
        } catch (IOException e) {
            throw new Skipped("node is not installed (" + e.getMessage() + ")");
        }
        Thread reader = new Thread(relay::pump, "load-relay-output");
        reader.setDaemon(true);
        reader.start();
        try {
            relay.port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return relay;
        } catch (Exception e) {
            relay.close();
            throw new IllegalStateException("the relay did not start within " + timeout + "; its output:\n"
                    + relay.output());
        }
    }

    String url() {
        return "http://127.0.0.1:" + port.join();
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > KEPT_LINES) {
                        output.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line.strip());
                if (m.matches()) {
                    port.complete(Integer.valueOf(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the relay went away
        } finally {
            port.completeExceptionally(new IllegalStateException("the relay's output ended"));
        }
    }

    /** The relay's last lines of output, for an error message. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** The relay's process (for its CPU time). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // RELAY_EXIT_ON_STDIN_END: a graceful exit
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
