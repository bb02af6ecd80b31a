package io.github.frappemessenger.frappe.bridge;

import io.github.frappemessenger.frappe.internal.webhook.PublishConfirmation;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import java.time.Duration;

/**
 * A delivery's events count as sent once Redis acknowledged them (the emitter's position in its stream); new work is
 * taken while the sender runs and its buffer has room. Thread-safe: the emitter is.
 */
final class EmitterConfirmation implements PublishConfirmation {
    /** Leave this share of the buffer free, so one delivery's events never find it full. */
    private static final double HIGH_WATER = 0.9;

    private final RedisRealtimeEmitter emitter;

    EmitterConfirmation(RedisRealtimeEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public long mark() {
        return emitter.publishedMark();
    }

    @Override
    public boolean delivered(long mark) {
        return emitter.sentUpTo(mark);
    }

    @Override
    public boolean awaitDelivered(long mark, Duration timeout) throws InterruptedException {
        return emitter.awaitSentUpTo(mark, timeout);
    }

    @Override
    public boolean ready() {
        return emitter.senderAlive() && emitter.pendingCount() < emitter.bufferCapacity() * HIGH_WATER;
    }
}
