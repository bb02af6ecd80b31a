package io.github.frappemessenger.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Python baseline, examples/bench/python_emit_loop.py: what Frappe's {@code emit_via_redis} does per event
 * (build the dict, {@code frappe.as_json} it, one PUBLISH round trip), in a plain loop, run with the system
 * Python and its python3-redis. Immutable.
 */
final class PythonEmitLoop {
    static final String SCRIPT = "examples/bench/python_emit_loop.py";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final String python;
    private final Path script;
    private final RedisAddress redis;
    private final ObjectMapper json = new ObjectMapper();

    private PythonEmitLoop(String python, Path script, RedisAddress redis) {
        this.python = python;
        this.script = script;
        this.redis = redis;
    }

    /**
     * The baseline, ready to run.
     *
     * @throws Skipped when the script, Python 3 or its redis module is missing
     */
    static PythonEmitLoop locate(RedisAddress redis) {
        Path script = RepoFiles.find(SCRIPT).orElseThrow(() -> new Skipped(SCRIPT
                + " not found from " + Path.of("").toAbsolutePath() + " (run from the repository root)"));
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        ExternalCommand.Outcome probe = ExternalCommand.run(List.of(python, "-c", "import redis"),
                Duration.ofSeconds(30));
        if (probe.exitCode() != 0) {
            throw new Skipped(python + " has no redis module (Debian: apt-get install python3-redis)");
        }
        return new PythonEmitLoop(python, script, redis);
    }

    /** Events per second of the loop publishing {@code events} events on {@code channel}. */
    double run(int events, String channel) {
        ExternalCommand.Outcome o = ExternalCommand.run(List.of(python, script.toString(), Integer.toString(events),
                redis.url(), channel), TIMEOUT);
        if (o.exitCode() != 0 || o.stdout().isBlank()) {
            throw new IllegalStateException(script.getFileName() + " exited " + o.exitCode() + ": "
                    + o.stderr().strip());
        }
        try {
            JsonNode result = json.readTree(o.lastLine());
            return result.get("events_per_second").asDouble();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the Python loop's result line: " + o.lastLine(), e);
        }
    }
}
