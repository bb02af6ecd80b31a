package io.github.frappemessenger.load;

import java.time.Duration;
import java.util.List;

/**
 * Redis's own publish rate: {@code redis-benchmark -n N -c C -P P --csv publish <channel> <payload>}, the custom
 * command form ({@code -t publish} does not exist in redis-benchmark 7). The payload is {@code x} repeated to the
 * average size of the emitter's texts. Immutable.
 */
final class RedisBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final RedisAddress redis;

    RedisBenchmark(RedisAddress redis) {
        this.redis = redis;
    }

    /**
     * Requests per second as redis-benchmark reports them.
     *
     * @throws Skipped when redis-benchmark is not installed
     */
    double publish(String channel, int payloadBytes, int requests, int clients, int pipeline) {
        ExternalCommand.Outcome o = ExternalCommand.run(List.of("redis-benchmark",
                "-h", redis.host(), "-p", Integer.toString(redis.port()),
                "-n", Integer.toString(requests), "-c", Integer.toString(clients), "-P", Integer.toString(pipeline),
                "--csv", "publish", channel, "x".repeat(payloadBytes)), TIMEOUT);
        if (o.exitCode() != 0 || o.stdout().isBlank()) {
            throw new IllegalStateException("redis-benchmark exited " + o.exitCode() + ": " + o.stderr().strip());
        }
        // "publish <channel> xxx…","<rps>","<avg ms>",... — the test name holds no quote, the payload being x's.
        String[] fields = o.lastLine().split("\",\"");
        try {
            return Double.parseDouble(fields[1]);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read redis-benchmark's CSV line: " + abbreviate(o.lastLine()));
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
