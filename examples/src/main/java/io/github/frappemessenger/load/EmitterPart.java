package io.github.frappemessenger.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Part 1: events/s of {@link io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter} beside
 * redis-benchmark's PUBLISH (50 clients, 1 client, 16 pipelined) and beside the Python loop of Frappe's
 * emit_via_redis, all sending the same number of events of the same average size, first on a channel nobody
 * listens to, then with one subscriber draining it (Redis then copies every message to a client). Each figure is
 * the median of {@link LoadOptions#repeats()} runs, the emitter's after five unmeasured runs.
 */
final class EmitterPart {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    /** A run of 100,000 events takes well under a second; fewer warm-up runs left the rate still climbing. */
    private static final int WARM_UP_RUNS = 5;

    private final LoadOptions options;
    private final RedisAddress redis;
    private final Results results;
    private final PrintStream progress;
    private final RedisBenchmark redisBenchmark;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    EmitterPart(LoadOptions options, RedisAddress redis, Results results, PrintStream progress) {
        this.options = options;
        this.redis = redis;
        this.results = results;
        this.progress = progress;
        this.redisBenchmark = new RedisBenchmark(redis);
    }

    void run() {
        int events = options.emitterEvents();
        int payload = EmitterThroughput.averagePayloadBytes(1_000);
        PythonEmitLoop python = null;
        Skipped pythonMissing = null;
        try {
            python = PythonEmitLoop.locate(redis);
        } catch (Skipped s) {
            pythonMissing = s;
        }
        for (boolean subscribed : new boolean[] {false, true}) {
            String part = subscribed ? "emitter, 1 subscriber" : "emitter, no subscriber";
            String channel = "load-" + runId + (subscribed ? "-drained" : "-unheard");
            measure(new Condition(part, channel, subscribed, events), payload, python, pythonMissing);
        }
    }

    private void measure(Condition c, int payload, PythonEmitLoop python, Skipped pythonMissing) {
        String note = String.format(Locale.ROOT, "%,d events, %d B avg, median of %d", c.events, payload,
                options.repeats());
        List<Double> pairs = new ArrayList<>();
        Double emitter = c.measure(false, "RedisRealtimeEmitter", note + " after " + WARM_UP_RUNS + " warm-up runs", () -> {
            try (EmitterThroughput e = new EmitterThroughput(redis, c.channel, c.events)) {
                for (int i = 0; i < WARM_UP_RUNS; i++) {
                    e.run(c.events); // unmeasured: the JIT (Jackson, Jedis) and the connection
                }
                CpuMeter cpu = CpuMeter.start(redis);
                double rate = c.repeat("RedisRealtimeEmitter", () -> e.run(c.events));
                cpuFigures(c.part, "RedisRealtimeEmitter", cpu.per((long) c.events * options.repeats()), true);
                pairs.addAll(pairedWithPipelined(c, e, payload));
                return rate;
            }
        });
        Double rb50 = c.measure(true, "redis-benchmark publish, 50 clients", note, () -> c.repeat("redis-benchmark -c 50",
                () -> redisBenchmark.publish(c.channel, payload, c.events, 50, 1)));
        Double rb1 = c.measure(true, "redis-benchmark publish, -c 1", note, () -> c.repeat("redis-benchmark -c 1",
                () -> redisBenchmark.publish(c.channel, payload, c.events, 1, 1)));
        Double rbP16 = c.measure(true, "redis-benchmark publish, -P 16", note + ", 50 clients", () -> {
            CpuMeter cpu = CpuMeter.start(redis);
            double rate = c.repeat("redis-benchmark -P 16",
                    () -> redisBenchmark.publish(c.channel, payload, c.events, 50, 16));
            cpuFigures(c.part, "redis-benchmark -P 16", cpu.per((long) c.events * options.repeats()), false);
            return rate;
        });
        Double py = c.measure(true, "Python emit loop (emit_via_redis)", note + ", indented JSON as frappe.as_json", () -> {
            if (python == null) {
                throw pythonMissing;
            }
            return c.repeat("Python loop", () -> python.run(c.events, c.channel));
        });
        String suffix = c.subscribed ? "_subscribed" : "";
        ratio(c.part, "emitter_vs_redis_benchmark_c50" + suffix, "emitter / redis-benchmark (50 clients)", emitter,
                rb50, "target >= 0.80");
        ratio(c.part, "emitter_vs_redis_benchmark_c1" + suffix, "emitter / redis-benchmark (-c 1)", emitter, rb1,
                "one connection each");
        ratio(c.part, "emitter_vs_redis_benchmark_p16" + suffix, "emitter / redis-benchmark (-P 16)", emitter, rbP16,
                "Redis's pipelined ceiling");
        results.ratio(c.part, "emitter_vs_redis_benchmark_p16_paired" + suffix,
                "emitter / redis-benchmark (-P 16), run by run", pairs.isEmpty() ? Double.NaN : Median.of(pairs),
                pairs.isEmpty() ? "not measured: redis-benchmark or the emitter failed"
                        : "median of " + pairs.size() + " ratios, each of an emitter run and the -P 16 run right after"
                        + " it: steadier than the ratio of medians when other work comes and goes");
        ratio(c.part, "emitter_vs_python_emit_loop" + suffix, "emitter / Python emit loop", emitter, py,
                "target >= 5");
    }

    /** CPU per event of a measurement: Redis's, and for the emitter this JVM's (redis-benchmark's is its own). */
    private void cpuFigures(String part, String name, CpuMeter.PerEvent cpu, boolean jvm) {
        if (jvm) {
            results.figure(part, name + ": this JVM's CPU per event", cpu.jvm(), "ns/event",
                    "every thread of the harness's JVM: caller, sender, GC, JIT (and the drain, with a subscriber)");
        }
        results.figure(part, name + ": Redis's CPU per event", cpu.redis(), "ns/event",
                "INFO cpu, used_cpu_sys + used_cpu_user, over the measured runs");
    }

    /**
     * Emitter runs each followed at once by a {@code -P 16} run, the ratio of each pair: the two share whatever else
     * the machine does at that moment. Empty when redis-benchmark cannot run.
     */
    private List<Double> pairedWithPipelined(Condition c, EmitterThroughput e, int payload) {
        List<Double> ratios = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(3, options.repeats()); i++) {
                double ours = c.once(() -> e.run(c.events));
                double theirs = c.once(() -> redisBenchmark.publish(c.channel, payload, c.events, 50, 16));
                progress.printf(Locale.ROOT, "load: %s: pair %d: emitter %,.0f, -P 16 %,.0f events/s: %.2fx%n",
                        c.part, i + 1, ours, theirs, ours / theirs);
                ratios.add(ours / theirs);
            }
        } catch (Exception missingOrFailed) {
            ratios.clear();
        }
        return ratios;
    }

    /** A ratio whose measurements are missing is still named, with no value, so a script sees the hole. */
    private void ratio(String part, String key, String name, Double emitter, Double other, String note) {
        if (emitter != null && other != null) {
            results.ratio(part, key, name, emitter / other, note);
        } else {
            results.ratio(part, key, name, Double.NaN, "not measured: " + (emitter == null ? "the emitter's run"
                    : "its baseline") + " is missing or failed");
        }
    }

    /** Work that yields one events/s figure and may be skipped. */
    private interface Measurement {
        double get() throws Exception;
    }

    /** One channel, with or without a subscriber draining it. */
    private final class Condition {
        private final String part;
        private final String channel;
        private final boolean subscribed;
        private final int events;

        Condition(String part, String channel, boolean subscribed, int events) {
            this.part = part;
            this.channel = channel;
            this.subscribed = subscribed;
            this.events = events;
        }

        /**
         * Runs a measurement into the results; null when it failed or could not run. A baseline that cannot run
         * (its tool is missing) is a failure, not a skip: a ratio without its baseline compares nothing.
         */
        Double measure(boolean baseline, String name, String note, Measurement m) {
            try {
                double rate = m.get();
                results.figure(part, name, rate, "events/s", note);
                return rate;
            } catch (Skipped s) {
                if (baseline) {
                    results.baselineMissing(part, name, s.getMessage());
                } else {
                    results.skipped(part, name, s.getMessage());
                }
            } catch (Exception e) {
                results.failed(part, name, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            return null;
        }

        /** One run, with a fresh drain when this condition has a subscriber. */
        double once(Measurement run) throws Exception {
            return subscribed ? drained(run) : run.get();
        }

        /** The median of the repeats; each run with a fresh drain when this condition has a subscriber. */
        double repeat(String label, Measurement run) throws Exception {
            List<Double> rates = new ArrayList<>();
            for (int i = 1; i <= options.repeats(); i++) {
                double rate = subscribed ? drained(run) : run.get();
                progress.printf(Locale.ROOT, "load: %s: %s run %d/%d: %,.0f events/s%n", part, label, i,
                        options.repeats(), rate);
                rates.add(rate);
            }
            return Median.of(rates);
        }

        private double drained(Measurement run) throws Exception {
            try (ChannelDrain drain = ChannelDrain.subscribe(redis, channel)) {
                double rate = run.get();
                if (!drain.awaitReceived(events, DRAIN_TIMEOUT)) {
                    progress.printf("load: %s: the subscriber got %d of %d messages (ended by: %s)%n", part,
                            drain.received(), events, drain.failure());
                }
                return rate;
            }
        }
    }
}
