package io.github.frappemessenger.load;

import io.github.frappemessenger.frappe.realtime.RealtimeListener;
import java.util.Map;

/**
 * Hears {@code messenger:message_update} events whose message carries {@code load_run} and
 * {@code load_sent_nanos} (the publisher's {@link System#nanoTime()}, comparable because publisher and client share
 * this JVM) and records publish-to-listener latency for the current run only. Thread-safe.
 */
final class LatencyProbe implements RealtimeListener {
    static final String RUN_FIELD = "load_run";
    static final String SENT_FIELD = "load_sent_nanos";

    private String run; // guarded by this
    private Samples samples = new Samples(); // guarded by this

    @Override
    public void onEvent(String eventName, Map<String, Object> payload) {
        long now = System.nanoTime();
        if (!(payload.get("message") instanceof Map<?, ?> message)
                || !(message.get(SENT_FIELD) instanceof Number sent)) {
            return;
        }
        synchronized (this) {
            if (String.valueOf(message.get(RUN_FIELD)).equals(run)) {
                samples.add(now - sent.longValue());
            }
        }
    }

    /** Starts recording for {@code runLabel}, forgetting earlier samples. */
    synchronized void start(String runLabel) {
        run = runLabel;
        samples = new Samples();
    }

    synchronized int received() {
        return samples.count();
    }

    /** The samples of the current run (a copy). */
    synchronized Samples samples() {
        Samples copy = new Samples();
        copy.addAll(samples);
        return copy;
    }
}
