package io.github.frappemessenger.load;

/**
 * A measurement that cannot run here because an outside tool is missing (redis-benchmark, python3-redis, node or
 * the relay's node_modules, Redis itself). Reported as "skipped: reason", never as a failure: CI runs the smoke on
 * machines that may lack some of them.
 */
final class Skipped extends RuntimeException {
    Skipped(String reason) {
        super(reason, null, false, false);
    }
}
