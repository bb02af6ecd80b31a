package io.github.frappemessenger.load;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(List.copyOf(r.ratios().keySet()))
                .isEqualTo(List.of("emitter_vs_redis_benchmark_p16", "emitter_vs_python_emit_loop"));
        assertThat(r.ratios().get("emitter_vs_redis_benchmark_p16")).isEqualTo(0.52);
        assertThat(r.ratios().get("emitter_vs_python_emit_loop")).isNull();
    }

    @Test
    void aMissingBaselineIsAFailureLineAndCounted() {
        Results r = new Results();
        r.skipped("end-to-end", "all", "node is not installed");
        assertThat(r.anyFailed()).isFalse();

        r.baselineMissing("emitter, no subscriber", "Python emit loop (emit_via_redis)", "no redis module");

        assertThat(r.anyFailed()).isTrue();
        assertThat(r.count(Results.Kind.BASELINE_MISSING)).isEqualTo(1);
        assertThat(r.rows().get(1).note()).startsWith("FAILED, baseline missing");
    }
}
