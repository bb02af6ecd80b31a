package io.github.frappemessenger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The end-to-end part's baseline: a plain Redis subscriber that hears the emitter's events (real Redis). */
class RedisSubscriberProbeTest {
    private static final RedisAddress REDIS = RedisAddress.parse("redis://127.0.0.1:6379");

    @Test
    void hearsTheEmittersEventsOfTheCurrentRunOnly() throws Exception {
        String channel = "load-test-" + UUID.randomUUID();
        LatencyProbe probe = new LatencyProbe();
        try (RedisSubscriberProbe subscriber = RedisSubscriberProbe.subscribe(REDIS, channel, probe,
                Duration.ofSeconds(10));
             RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri(REDIS.url())
                     .siteName("load-test.local").channel(channel).build()) {
            probe.start("other-run");
            publish(emitter, 1, "other-run");
            awaitReceived(probe, 1);
            probe.start("this-run");
            publish(emitter, 2, "earlier-run"); // not this run's: not counted
            publish(emitter, 3, "this-run");
            publish(emitter, 4, "this-run");
            awaitReceived(probe, 2);

            assertThat(probe.samples().count()).isEqualTo(2);
            assertThat(probe.samples().percentileMillis(50)).isGreaterThanOrEqualTo(0);
            assertThat(subscriber.failure()).as("the subscription still runs").isNull();
        }
    }

    @Test
    void aRedisThatDoesNotAnswerIsReportedAsAMissingBaseline() {
        RedisAddress nobody = RedisAddress.parse("redis://127.0.0.1:1");

        Skipped missing = assertThatExceptionOfType(Skipped.class)
                .isThrownBy(() -> RedisSubscriberProbe.subscribe(nobody, "load-test",
                new LatencyProbe(), Duration.ofSeconds(3)))
                .actual();

        assertThat(missing.getMessage()).startsWith("no Redis subscription to load-test");
    }

    private static void publish(RedisRealtimeEmitter emitter, long i, String run) {
        emitter.publish(RealtimeEvent.toAll(new MessageUpdate(SampleEvents.message(i, "hi", Map.of(
                LatencyProbe.RUN_FIELD, run, LatencyProbe.SENT_FIELD, System.nanoTime())), "CONV-1")));
    }

    /** Waits for what was published to be heard (no time is asserted: the bound only ends a broken run). */
    private static void awaitReceived(LatencyProbe probe, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (probe.received() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(probe.received()).isEqualTo(count);
    }
}
