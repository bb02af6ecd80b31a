package io.github.frappemessenger.frappe.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A redis-server of the test's own, on a free port, that the test can stop and start again: how a test takes
 * Redis away from an emitter without touching the shared one on 6379. No persistence, unless the test passes
 * {@code --appendonly yes} (then {@link #restart} keeps the data, as a Redis with persistence does). Not thread-safe.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private final Path dir;
    private ChildProcess process;

    private RedisServerProcess(int port) throws IOException {
        this.port = port;
        this.dir = Files.createTempDirectory("redis-test-");
    }

    /** Starts redis-server on a free port; {@code extraArgs} are config lines as command-line arguments. */
    public static RedisServerProcess start(String... extraArgs) throws IOException {
        RedisServerProcess redis = new RedisServerProcess(FreePort.pick());
        redis.startProcess(extraArgs);
        return redis;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** Starts it again on the same port (nothing kept: there is no persistence). */
    public void restart(String... extraArgs) throws IOException {
        stop();
        startProcess(extraArgs);
    }

    private void startProcess(String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(List.of(extraArgs));
        process = ChildProcess.start(command, null, Map.of(), "redis:" + port,
                line -> line.contains("Ready to accept connections") ? Boolean.TRUE : null,
                Duration.ofSeconds(20)).process();
    }

    @Override
    public void close() throws IOException {
        stop();
        try (var files = Files.walk(dir)) { // empty, unless a test turned persistence on
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
