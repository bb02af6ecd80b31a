package io.github.frappemessenger.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a script reads from {@code load --out}: named ratios, and missing baselines counted as failures. */
class ResultsTest {

    @Test
    void everyRatioIsNamedAndAMissingSideIsNullNotAbsent() {
        Results r = new Results();
        r.ratio("emitter, no subscriber", "emitter_vs_redis_benchmark_p16", "emitter / redis-benchmark (-P 16)",
                0.52, "Redis's pipelined ceiling");
        r.ratio("emitter, no subscriber", "emitter_vs_python_emit_loop", "emitter / Python emit loop", Double.NaN,
                "not measured");

        assertEquals(List.of("emitter_vs_redis_benchmark_p16", "emitter_vs_python_emit_loop"),
                List.copyOf(r.ratios().keySet()));
        assertEquals(0.52, r.ratios().get("emitter_vs_redis_benchmark_p16"));
        assertNull(r.ratios().get("emitter_vs_python_emit_loop"));
    }

    @Test
    void aMissingBaselineIsAFailureLineAndCounted() {
        Results r = new Results();
        r.skipped("end-to-end", "all", "node is not installed");
        assertEquals(false, r.anyFailed());

        r.baselineMissing("emitter, no subscriber", "Python emit loop (emit_via_redis)", "no redis module");

        assertTrue(r.anyFailed());
        assertEquals(1, r.count(Results.Kind.BASELINE_MISSING));
        assertTrue(r.rows().get(1).note().startsWith("FAILED, baseline missing"), r.rows().get(1).note());
    }
}
