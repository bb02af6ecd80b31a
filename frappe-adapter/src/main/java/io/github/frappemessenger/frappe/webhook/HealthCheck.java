package io.github.frappemessenger.frappe.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code GET /health} reports: each backend the bridge depends on (e.g. {@code frappe}, {@code redis}) and
 * whether it is reachable now. The handler answers 200 when every backend is up and 503 otherwise.
 *
 * <p>Implementations must be thread-safe and answer promptly (a probe with its own short timeout), since a health
 * check is called on a request thread.
 */
@FunctionalInterface
public interface HealthCheck {

    /** Backend name → reachable, in the order to report them. A check that throws is reported as down. */
    Map<String, Boolean> check();

    /**
     * Figures reported beside the checks, each under its own key (e.g. {@code "emitter": {"pending": 0, ...}},
     * {@code "journal": {"backlog": 0, ...}}, {@code "catchup": {"lag_s": 3}}); none by default.
     */
    default Map<String, Object> details() {
        return Map.of();
    }

    /** This check with {@code details} reported beside it (called once per {@code /health} request). */
    default HealthCheck withDetails(Supplier<Map<String, Object>> details) {
        HealthCheck checks = this;
        return new HealthCheck() {
            @Override
            public Map<String, Boolean> check() {
                return checks.check();
            }

            @Override
            public Map<String, Object> details() {
                Map<String, Object> all = new LinkedHashMap<>(checks.details());
                all.putAll(details.get());
                return all;
            }
        };
    }

    /** No backends: always healthy. */
    static HealthCheck none() {
        return Map::of;
    }

    /**
     * One probe per backend, run in the given order; a probe that throws counts as down.
     * <pre>{@code HealthCheck.of(Map.of("frappe", frappe::ping, "redis", redis::ping))}</pre>
     */
    static HealthCheck of(Map<String, BooleanSupplier> probes) {
        Map<String, BooleanSupplier> copy = new LinkedHashMap<>(probes);
        return () -> {
            Map<String, Boolean> result = new LinkedHashMap<>();
            copy.forEach((name, probe) -> result.put(name, probeSafely(probe)));
            return result;
        };
    }

    private static boolean probeSafely(BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
