package io.github.frappemessenger.frappe.realtime;

/**
 * The emitter could not take a publish's events: its buffer is full (Redis has been away for a while) or it is
 * closed. Thrown only by an emitter built with {@code refuseWhenFull(true)}; none of the events were taken, so the
 * caller can try the whole publish again later.
 */
public final class EmitterFullException extends IllegalStateException {
    public EmitterFullException(int events, boolean closed, int waiting) {
        super("the realtime emitter " + (closed ? "is closed" : "is full (" + waiting + " events waiting for Redis)")
                + "; " + events + " event(s) not taken");
    }
}
