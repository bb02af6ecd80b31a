package io.github.frappemessenger.faults;

/** A scenario could not be set up or run at all (no redis-server, a bridge that does not start): the run fails. */
final class ScenarioCannotRun extends RuntimeException {
    ScenarioCannotRun(String why) {
        super(why);
    }
}
