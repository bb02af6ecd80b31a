package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.internal.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emitter's publishing side: writes each event's JSON as UTF-8 bytes on the caller's thread (so the sender
 * thread only moves bytes), appends them to the buffer, and accounts for what did not fit: refused with
 * {@link EmitterFullException}, or dropped, counted and reported by a rate-limited WARN. Thread-safe.
 */
final class EventIntake {
    private static final Logger log = LoggerFactory.getLogger(RedisRealtimeEmitter.class);

    private final Object target;
    private final EventBuffer buffer;
    private final boolean refuseWhenFull;
    private final Function<RealtimeEvent, byte[]> encoder;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedSinceWarning = new AtomicLong();
    private final LogThrottle dropWarning = new LogThrottle(Duration.ofSeconds(10));

    /** {@code custom} is the builder's own JSON writer, or null for the bytes a plain {@link EventJson} writes. */
    EventIntake(Object target, EventBuffer buffer, boolean refuseWhenFull, EventJson custom, String siteName) {
        this.target = target;
        this.buffer = buffer;
        this.refuseWhenFull = refuseWhenFull;
        this.encoder = custom != null
                ? e -> custom.toRedisJson(e, siteName).getBytes(StandardCharsets.UTF_8)
                : new RedisEventBytes(new EventJson(), siteName)::toRedisJson;
    }

    /** Appends the events together and in order (see the emitter's refuse-when-full setting for what may fail). */
    void publish(List<RealtimeEvent> events) {
        List<byte[]> texts = new ArrayList<>(events.size());
        for (RealtimeEvent e : events) {
            texts.add(encoder.apply(Objects.requireNonNull(e, "event")));
        }
        if (refuseWhenFull) {
            if (!buffer.offerAllOrNothing(texts)) {
                dropped.addAndGet(texts.size());
                throw new EmitterFullException(texts.size(), buffer.stopped(), buffer.size());
            }
            return;
        }
        int taken = buffer.stopped() ? 0 : buffer.offerAll(texts);
        int lost = texts.size() - taken;
        if (lost > 0) {
            dropped.addAndGet(lost);
            droppedSinceWarning.addAndGet(lost);
            if (dropWarning.allow()) {
                log.warn("Realtime buffer for {} {}: dropped {} event(s) since the last warning ({} in all); "
                                + "{} waiting to be sent",
                        target, buffer.stopped() ? "is closed" : "is full (" + buffer.size() + " events)",
                        droppedSinceWarning.getAndSet(0), dropped.get(), buffer.size());
            }
        }
    }

    long dropped() {
        return dropped.get();
    }

    /** Counts events left unsent at close; returns the count of all dropped events. */
    long droppedAtClose(int unsent) {
        return dropped.addAndGet(unsent);
    }
}
