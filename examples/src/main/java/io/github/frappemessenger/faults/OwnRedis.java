package io.github.frappemessenger.faults;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A redis-server of the harness's own on a free loopback port, which a scenario stops and starts again on the same
 * port: how a fault takes Redis away from the bridge without touching anyone else's Redis. No persistence, so a
 * restart comes back empty, as a Redis restarted without a dump does. Not thread-safe.
 */
final class OwnRedis implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    private OwnRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts redis-server; throws {@link ScenarioCannotRun} when there is none on the PATH or it does not answer. */
    static OwnRedis start() throws IOException, InterruptedException {
        OwnRedis redis = new OwnRedis(freePort(), Files.createTempDirectory("faults-redis-"));
        redis.startAgain();
        return redis;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Jedis connect() {
        return new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().timeoutMillis(2_000).autoNegotiateProtocol(false).build());
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops it the hard way (SIGKILL), as a crash or a network cut looks to its clients. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    void startAgain() throws IOException, InterruptedException {
        List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "warning");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new ScenarioCannotRun("redis-server cannot be started (" + e.getMessage()
                    + "); install it (Debian package redis-server)");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = connect()) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(10);
            }
        }
        throw new ScenarioCannotRun("redis-server on port " + port + " did not answer PING within 10 s; see "
                + dir.resolve("redis.log"));
    }

    /** A free port now; redis-server binds it a moment later (the window where another process could take it). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        File[] files = dir.toFile().listFiles();
        if (files != null) {
            for (File f : files) {
                f.delete();
            }
        }
        dir.toFile().delete();
    }
}
