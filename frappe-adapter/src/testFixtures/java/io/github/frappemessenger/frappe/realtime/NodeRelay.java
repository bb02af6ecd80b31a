package io.github.frappemessenger.frappe.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code src/test/node/relay/relay.js} (our stand-in for Frappe's realtime server) as a child process. The
 * first start installs its node_modules with {@code npm ci} if they are missing, so the tests run offline once
 * installed (CI runs {@code npm ci --prefix frappe-adapter/src/test/node/relay} beforehand). Public for the
 * examples' tests, which compile it from this module's src/testFixtures/java. Not thread-safe.
 */
public final class NodeRelay implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^listening (\\d+)$");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> env;
    private int port;
    private ChildProcess process;

    private NodeRelay(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Starts a relay on {@code port} (0: any free port) that forwards the Redis channel {@code channel} and knows
     * the given tokens ({@code key:secret=user,...}).
     */
    public static NodeRelay start(int port, String channel, String tokens) throws IOException {
        return start(port, channel, tokens, Map.of());
    }

    /**
     * Like {@link #start(int, String, String)}, with more of relay.js's settings, e.g. {@code RELAY_AUTH_ORDER} =
     * {@code sid-first} (an older Frappe's order) or {@code RELAY_SIDS}.
     */
    public static NodeRelay start(int port, String channel, String tokens, Map<String, String> settings)
            throws IOException {
        Map<String, String> env = new HashMap<>(settings);
        env.put("REDIS_URL", "redis://127.0.0.1:6379");
        env.put("RELAY_CHANNEL", channel);
        env.put("RELAY_TOKENS", tokens);
        env.put("RELAY_EXIT_ON_STDIN_END", "1");
        NodeRelay relay = new NodeRelay(env);
        relay.port = port;
        relay.startProcess();
        return relay;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the relay with SIGTERM: it closes its sockets gracefully (close frames), then exits. */
    void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** Kills the relay with SIGKILL: its sockets are cut without a close frame, as when the server crashes. */
    void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /** Starts it again on the same port. */
    void restart() throws IOException {
        stop();
        startProcess();
    }

    private void startProcess() throws IOException {
        Path dir = installedDir();
        env.put("RELAY_PORT", Integer.toString(port));
        ChildProcess.Started<Integer> started = ChildProcess.start(List.of("node", "relay.js"), dir, env, "relay",
                line -> {
                    Matcher m = LISTENING.matcher(line.strip());
                    return m.matches() ? Integer.valueOf(m.group(1)) : null;
                }, START_TIMEOUT);
        process = started.process();
        port = started.value();
    }

    @Override
    public void close() {
        stop();
    }

    /** The relay's folder, with its node_modules installed. */
    static Path installedDir() throws IOException {
        Path dir = relayDir();
        synchronized (NodeRelay.class) {
            if (Files.isDirectory(dir.resolve("node_modules/socket.io"))
                    && Files.isDirectory(dir.resolve("node_modules/redis"))) {
                return dir;
            }
            boolean locked = Files.exists(dir.resolve("package-lock.json"));
            List<String> npm = locked ? List.of("npm", "ci", "--no-audit", "--no-fund")
                    : List.of("npm", "install", "--no-audit", "--no-fund");
            Process p = new ProcessBuilder(npm).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            try {
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", npm) + " failed in " + dir
                            + "; install the relay's packages by hand and rerun");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while installing the relay's packages", e);
            }
            return dir;
        }
    }

    private static Path relayDir() {
        // From frappe-adapter (its tests), the repository root, or a sibling module (examples' tests).
        for (String candidate : List.of("src/test/node/relay", "frappe-adapter/src/test/node/relay",
                "../frappe-adapter/src/test/node/relay")) {
            Path dir = Path.of(candidate).toAbsolutePath();
            if (Files.isRegularFile(dir.resolve("relay.js"))) {
                return dir;
            }
        }
        throw new IllegalStateException("relay.js not found under " + Path.of("").toAbsolutePath());
    }
}
