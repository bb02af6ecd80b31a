package io.github.frappemessenger.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code load [--quick] [--out FILE] [--relay-dir DIR] [--redis URL]}: the load harness of issue 5. Measures in one
 * run, side by side, (1) the Redis emitter against redis-benchmark and the Python loop of Frappe's emit_via_redis,
 * (2) the webhook bridge on the embedded stores and on a Frappe stand-in, (3) publish-to-client latency through the
 * Socket.IO relay beside a plain Redis subscriber of the same events; prints a table (ratios first) and, with {@code --out}, writes the same as JSON.
 *
 * <p>Exit code 0 when every part ran and produced numbers, or was skipped for want of an outside tool that is not a
 * baseline (node for the relay); 1 when a measurement failed or a baseline a ratio needs is missing (redis-benchmark,
 * python3 with its redis module: reported as a FAILED line and counted in the JSON's {@code baselines_missing}); 2 on
 * a bad command line. No thresholds: a busy machine cannot fail it. The JSON names every ratio under {@code ratios}.
 */
public final class LoadCommand {
    /** The text of {@code load --help}. */
    public static final String HELP = """
            usage: java -jar messenger-examples.jar load [--quick] [--out FILE] [--relay-dir DIR] [--redis URL]
                                                          [--only emitter|bridge|end-to-end]

            The load harness: measures, side by side, the Redis emitter against redis-benchmark and a Python loop of
            Frappe's emit_via_redis, the webhook bridge's throughput and latency, and publish-to-client latency
            through the Socket.IO test relay beside a plain Redis subscriber of the same events. Prints a table
            (ratios first). Run it from the repository root.

              --quick            short runs (CI's smoke)
              --out FILE         also write the results as JSON
              --relay-dir DIR    the folder of the Socket.IO test relay (default: found from the working directory)
              --redis URL        the Redis to use (default redis://127.0.0.1:6379)
              --only PART        run one part only (e.g. the emitter again on a quieter machine)

            A baseline that cannot run (redis-benchmark; python3 with its redis module, Debian's python3-redis) is a
            "FAILED, baseline missing" line, not a skip. The JSON names every ratio under "ratios"
            (e.g. emitter_vs_redis_benchmark_p16) and counts "baselines_missing".

            Exit codes: 0 every part ran (the relay may be skipped for want of node), 1 a measurement failed or a
            baseline is missing, 2 a usage mistake.""";

    private final PrintStream out;
    private final PrintStream err;

    public LoadCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) throws InterruptedException {
        LoadOptions options;
        RedisAddress redis;
        try {
            options = LoadOptions.parse(args);
            redis = RedisAddress.parse(options.redisUrl());
        } catch (IllegalArgumentException e) {
            err.println("load: " + e.getMessage() + " (see load --help)");
            return 2;
        }
        Machine machine = Machine.describe(redis);
        err.println("load: " + (options.quick() ? "quick run" : "full run") + " on " + machine.summary());
        Results results = new Results();
        long start = System.nanoTime();
        if (machine.redisVersion().isEmpty()) {
            String why = "no Redis answers at " + redis.url();
            for (String part : new String[] {"emitter", "bridge", "end-to-end"}) {
                results.skipped(part, "all", why);
            }
        } else {
            runPart(options, "emitter", () -> new EmitterPart(options, redis, results, err).run(), results);
            runPart(options, "bridge", () -> new BridgePart(options, redis, results, err).run(), results);
            runPart(options, "end-to-end", () -> new EndToEndPart(options, redis, results, err).run(), results);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ResultTable.print(results, machine, out);
        out.printf("load: %s run took %.1f s%n", options.quick() ? "quick" : "full", seconds);
        if (options.out() != null && !write(options, machine, results, seconds)) {
            return 1;
        }
        return results.anyFailed() ? 1 : 0;
    }

    /** A part's unexpected failure is recorded and the next part still runs. */
    private void runPart(LoadOptions options, String part, Part work, Results results) throws InterruptedException {
        if (!options.runs(part)) {
            results.skipped(part, "all", "not asked for (--only " + options.only() + ")");
            return;
        }
        err.println("load: " + part + "...");
        try {
            work.run();
        } catch (Skipped s) {
            results.skipped(part, "all", s.getMessage());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            err.println("load: " + part + " failed");
            e.printStackTrace(err);
            results.failed(part, "all", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private interface Part {
        void run() throws Exception;
    }

    private boolean write(LoadOptions options, Machine machine, Results results, double seconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "load");
        json.put("options", options.toJson());
        json.put("seconds", Math.round(seconds * 10) / 10.0);
        json.put("machine", machine.toJson());
        json.put("ratios", results.ratios());
        json.put("baselines_missing", results.count(Results.Kind.BASELINE_MISSING));
        json.put("failed", results.count(Results.Kind.FAILED));
        json.put("results", results.toJson());
        try {
            Path parent = options.out().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(options.out().toFile(), json);
            err.println("load: results written to " + options.out());
            return true;
        } catch (IOException e) {
            err.println("load: cannot write " + options.out() + ": " + e.getMessage());
            return false;
        }
    }
}
