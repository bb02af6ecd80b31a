package io.github.frappemessenger.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code load} and the sizes they imply. {@code --quick} is CI's smoke (under about 30 s on two
 * shared cores); without it, the runs are long enough for the figures in BENCHMARKS.md. Immutable.
 *
 * @param quick    shorter runs, one repeat
 * @param out      where to write the JSON results, or null
 * @param relayDir the folder of the Socket.IO test relay (relay.js), or null to look for it from the working directory
 * @param redisUrl the Redis every part uses
 */
record LoadOptions(boolean quick, Path out, Path relayDir, String redisUrl, String only) {
    static final String USAGE = "usage: load [--quick] [--out FILE] [--relay-dir DIR] [--redis URL] [--only PART]";
    static final List<String> PARTS = List.of("emitter", "bridge", "end-to-end");
    static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";

    /** Reads the command line; throws {@link IllegalArgumentException} naming a bad or incomplete option. */
    static LoadOptions parse(String[] args) {
        boolean quick = false;
        Path out = null;
        Path relayDir = null;
        String redis = DEFAULT_REDIS;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--relay-dir" -> relayDir = Path.of(value(args, ++i, "--relay-dir"));
                case "--redis" -> redis = value(args, ++i, "--redis");
                case "--only" -> only = part(value(args, ++i, "--only"));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return new LoadOptions(quick, out, relayDir, redis, only);
    }

    /** Whether {@code part} runs: every part, unless {@code --only} named another. */
    boolean runs(String part) {
        return only == null || only.equals(part);
    }

    private static String part(String name) {
        if (!PARTS.contains(name)) {
            throw new IllegalArgumentException("--only takes one of " + PARTS + ", got '" + name + "'");
        }
        return name;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quick", quick);
        m.put("only", only == null ? "all parts" : only);
        m.put("redis", redisUrl);
        m.put("emitter_events", emitterEvents());
        m.put("repeats", repeats());
        m.put("bridge_workers", bridgeWorkers());
        m.put("bridge_known_senders", knownSenders());
        m.put("bridge_warmup_seconds", bridgeWarmup().toMillis() / 1000.0);
        m.put("bridge_seconds", bridgeDuration().toMillis() / 1000.0);
        m.put("end_to_end_rates", endToEndRates());
        m.put("end_to_end_seconds_per_rate", endToEndDuration().toMillis() / 1000.0);
        m.put("webhook_server_tcp_nodelay", true); // the Jetty webhook server sets it on every accepted socket
        return m;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Events per emitter run; redis-benchmark and the Python loop send the same number. */
    int emitterEvents() {
        return quick ? 10_000 : 100_000;
    }

    /** Runs per measurement; the median is reported. */
    int repeats() {
        return quick ? 1 : 3;
    }

    int bridgeWorkers() {
        return 8;
    }

    /** Senders that already have a conversation before the measured run (90 % of the messages go to them). */
    int knownSenders() {
        return quick ? 100 : 1_000;
    }

    Duration bridgeWarmup() {
        return quick ? Duration.ofMillis(500) : Duration.ofSeconds(3);
    }

    Duration bridgeDuration() {
        return quick ? Duration.ofMillis(1_500) : Duration.ofSeconds(10);
    }

    /** Events per second of the end-to-end runs. */
    List<Integer> endToEndRates() {
        return List.of(1, 100, 1_000);
    }

    Duration endToEndDuration() {
        return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
    }
}
