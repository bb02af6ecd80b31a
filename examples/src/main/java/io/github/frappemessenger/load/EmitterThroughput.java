package io.github.frappemessenger.load;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import io.github.frappemessenger.internal.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Events per second of one {@link RedisRealtimeEmitter}: the events of incoming saves published as the lifecycle
 * publishes them ({@code publishAll} per save, JSON written on the caller's thread), timed from the first publish
 * until {@code flush()} returns, i.e. until Redis acknowledged the last PUBLISH. The buffer holds a whole run, so
 * nothing is dropped and the rate is the emitter's, not the buffer bound's. Not thread-safe.
 */
final class EmitterThroughput implements AutoCloseable {
    /** The namespace python_emit_loop.py sends, so that both publish texts of the same size. */
    static final String SITE = "bench.local";
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(60);

    private final RedisRealtimeEmitter emitter;
    private long nextSave;

    EmitterThroughput(RedisAddress redis, String channel, int maxEventsPerRun) {
        this.emitter = RedisRealtimeEmitter.builder().redisUri(redis.url()).siteName(SITE).channel(channel)
                .bufferCapacity(maxEventsPerRun).build();
    }

    /** Publishes {@code events} events, waits until Redis acknowledged them all, and returns events per second. */
    double run(int events) {
        long droppedBefore = emitter.droppedCount();
        long start = System.nanoTime();
        int published = 0;
        while (published < events) {
            List<RealtimeEvent> save = SampleEvents.incomingSave(nextSave++);
            int left = events - published;
            if (left >= save.size()) {
                emitter.publishAll(save);
                published += save.size();
            } else {
                save.subList(0, left).forEach(emitter::publish);
                published = events;
            }
        }
        if (!emitter.flush(FLUSH_TIMEOUT)) {
            throw new IllegalStateException("the emitter did not flush " + events + " events within " + FLUSH_TIMEOUT
                    + " (" + emitter.pendingCount() + " pending): is Redis slow or gone?");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long dropped = emitter.droppedCount() - droppedBefore;
        if (dropped > 0) {
            throw new IllegalStateException("the emitter dropped " + dropped + " of " + events + " events");
        }
        return events / seconds;
    }

    /** The average size in bytes of the PUBLISHed texts, over {@code saves} saves of the run's events. */
    static int averagePayloadBytes(int saves) {
        EventJson json = new EventJson();
        long bytes = 0;
        long count = 0;
        for (long i = 0; i < saves; i++) {
            for (RealtimeEvent e : SampleEvents.incomingSave(i)) {
                bytes += json.toRedisJson(e, SITE).getBytes(StandardCharsets.UTF_8).length;
                count++;
            }
        }
        return (int) Math.round((double) bytes / count);
    }

    @Override
    public void close() {
        emitter.close();
    }
}
