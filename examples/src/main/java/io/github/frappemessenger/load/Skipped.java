package io.github.frappemessenger.load;

/**
 * A measurement that cannot run here because an outside tool is missing (redis-benchmark, python3-redis, node or
 * the relay's node_modules, Redis itself). For the relay it is reported as "skipped: reason"; for a baseline that a
 * ratio needs (redis-benchmark, the Python loop) the emitter part reports it as a failure ("FAILED, baseline
 * missing"), since a ratio without its baseline compares nothing. .ci/run installs them all.
 */
final class Skipped extends RuntimeException {
    Skipped(String reason) {
        super(reason, null, false, false);
    }
}
