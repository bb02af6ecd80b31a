package io.github.frappemessenger.load;

import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.realtime.ConnectionListener;
import io.github.frappemessenger.frappe.realtime.FrappeRealtimeClient;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Part 3: publish-to-client latency through the Socket.IO relay at a steady 1, 100 and 1,000 events/s. The
 * emitter publishes {@code messenger:message_update} events whose message carries its send time; the relay (a
 * child process) forwards them from Redis to a {@link FrappeRealtimeClient} authenticated by token, whose listener
 * records the latency. A warm-up at 100 events/s first (JIT, the websocket upgrade).
 *
 * <p>Baseline, in the same run and on the same events: a plain Redis subscriber in this JVM on the same channel
 * ({@link RedisSubscriberProbe}), i.e. the emitter and Redis without the relay, Socket.IO and the client. Each rate
 * reports the ratio of the two p50s and of the two p99s ({@code end_to_end_p50_vs_redis_subscriber_<rate>}); a
 * baseline that could not subscribe or heard nothing is a "FAILED, baseline missing" line and a null ratio.
 */
final class EndToEndPart {
    private static final String PART = "end-to-end";
    private static final String KEY = "load-key";
    private static final String SECRET = "load-secret";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration LATE_ARRIVALS = Duration.ofSeconds(5);

    private final LoadOptions options;
    private final RedisAddress redis;
    private final Results results;
    private final PrintStream progress;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private long sequence;

    EndToEndPart(LoadOptions options, RedisAddress redis, Results results, PrintStream progress) {
        this.options = options;
        this.redis = redis;
        this.results = results;
        this.progress = progress;
    }

    void run() throws InterruptedException {
        Path dir = RelayProcess.locate(options.relayDir());
        String site = "load-" + runId + ".local";
        String channel = "load-" + runId + "-e2e";
        LatencyProbe probe = new LatencyProbe();
        LatencyProbe direct = new LatencyProbe();
        CountDownLatch connected = new CountDownLatch(1);
        try (RelayProcess relay = RelayProcess.start(dir, redis.url(), channel,
                KEY + ":" + SECRET + "=load@example.com", Duration.ofSeconds(30));
             RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri(redis.url()).siteName(site)
                     .channel(channel).build();
             FrappeRealtimeClient client = FrappeRealtimeClient.builder().siteUrl("http://127.0.0.1:8000")
                     .socketIoUrl(relay.url()).siteName(site).apiToken(KEY, SECRET).build();
             Baseline baseline = Baseline.subscribe(redis, channel, direct)) {
            client.on(MessageUpdate.NAME, probe);
            client.onConnectionChange(new ConnectionListener() {
                @Override
                public void onConnect() {
                    connected.countDown();
                }
            });
            client.connect();
            if (!connected.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the realtime client did not connect to the relay at " + relay.url()
                        + " within " + CONNECT_TIMEOUT + "; relay output:\n" + relay.output());
            }
            paced(emitter, probe, direct, "warm-up", 100,
                    options.quick() ? Duration.ofMillis(500) : Duration.ofSeconds(2));
            for (int rate : options.endToEndRates()) {
                Paced run = paced(emitter, probe, direct, "rate-" + rate, rate, options.endToEndDuration());
                Samples s = run.heard();
                String note = String.format(Locale.ROOT, "%d of %d received, %d s at this rate; max %.1f ms",
                        s.count(), run.sent(), options.endToEndDuration().toSeconds(), s.maxMillis());
                results.figure(PART, String.format(Locale.ROOT, "latency p50 at %,d events/s", rate),
                        s.percentileMillis(50), "ms", note);
                results.figure(PART, String.format(Locale.ROOT, "latency p99 at %,d events/s", rate),
                        s.percentileMillis(99), "ms", note);
                progress.printf(Locale.ROOT, "load: end-to-end at %,d events/s: p50 %.2f ms, p99 %.2f ms (%s)%n",
                        rate, s.percentileMillis(50), s.percentileMillis(99), note);
                baselineFigures(rate, run, baseline);
            }
        }
    }

    /**
     * The baseline's latencies at {@code rate} and the two ratios against the relay's path. A baseline that heard
     * nothing (its subscription failed or ended) is reported as missing, loudly, with null ratios.
     */
    private void baselineFigures(int rate, Paced run, Baseline baseline) {
        String at = String.format(Locale.ROOT, "at %,d events/s", rate);
        Samples relay = run.heard();
        Samples direct = run.direct();
        String problem = baseline.problem(direct);
        if (problem != null) {
            results.baselineMissing(PART, "Redis subscriber latency " + at, problem);
        } else {
            String note = String.format(Locale.ROOT, "the same events, %d of %d heard by a plain Redis subscriber "
                    + "in this JVM; max %.2f ms", direct.count(), run.sent(), direct.maxMillis());
            results.figure(PART, "baseline: Redis subscriber latency p50 " + at, direct.percentileMillis(50), "ms",
                    note);
            results.figure(PART, "baseline: Redis subscriber latency p99 " + at, direct.percentileMillis(99), "ms",
                    note);
            progress.printf(Locale.ROOT, "load: end-to-end baseline %s: p50 %.2f ms, p99 %.2f ms%n", at,
                    direct.percentileMillis(50), direct.percentileMillis(99));
        }
        for (int p : new int[] {50, 99}) {
            String key = String.format(Locale.ROOT, "end_to_end_p%d_vs_redis_subscriber_%d", p, rate);
            String name = String.format(Locale.ROOT, "end-to-end p%d / Redis subscriber p%d %s", p, p, at);
            if (problem != null || relay.count() == 0) {
                results.ratio(PART, key, name, Double.NaN, "not measured: " + (problem != null
                        ? "the baseline is missing (" + problem + ")" : "the client heard nothing"));
            } else {
                results.ratio(PART, key, name, relay.percentileMillis(p) / direct.percentileMillis(p),
                        "what the relay, Socket.IO and the client add to the emitter and Redis (same events)");
            }
        }
    }

    /** What one paced run sent and the latencies heard through the relay and straight from Redis. */
    private record Paced(long sent, Samples heard, Samples direct) {
    }

    /**
     * The baseline's subscriber, or why there is none: a missing baseline does not stop the relay's measurement,
     * but every ratio then says it is missing.
     */
    private static final class Baseline implements AutoCloseable {
        private final RedisSubscriberProbe subscriber;
        private final String missing;

        private Baseline(RedisSubscriberProbe subscriber, String missing) {
            this.subscriber = subscriber;
            this.missing = missing;
        }

        static Baseline subscribe(RedisAddress redis, String channel, LatencyProbe probe) throws InterruptedException {
            try {
                return new Baseline(RedisSubscriberProbe.subscribe(redis, channel, probe, CONNECT_TIMEOUT), null);
            } catch (RuntimeException e) { // Skipped too: no subscription in time
                return new Baseline(null, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }

        /** Why the baseline's samples of a run cannot be used, or null when they can. */
        String problem(Samples heard) {
            if (missing != null) {
                return missing;
            }
            if (heard.count() == 0) {
                String ended = subscriber.failure();
                return "the Redis subscriber heard none of the events" + (ended == null ? "" : " (" + ended + ")");
            }
            return null;
        }

        @Override
        public void close() throws InterruptedException {
            if (subscriber != null) {
                subscriber.close();
            }
        }
    }

    /**
     * Publishes {@code rate} events a second for {@code duration}, each at its slot (never in bursts to catch up
     * beyond the schedule), then waits for late arrivals and returns the latencies heard.
     */
    private Paced paced(RedisRealtimeEmitter emitter, LatencyProbe probe, LatencyProbe direct, String label, int rate,
            Duration duration) throws InterruptedException {
        String run = runId + "-" + label;
        probe.start(run);
        direct.start(run);
        long count = Math.max(1, rate * duration.toMillis() / 1_000);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long slot = start + i * interval;
            long wait = slot - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            emitter.publish(RealtimeEvent.toAll(new MessageUpdate(SampleEvents.message(sequence++,
                    "hello from the load run", Map.of(LatencyProbe.RUN_FIELD, run,
                            LatencyProbe.SENT_FIELD, System.nanoTime())), "CONV-1")));
        }
        long deadline = System.nanoTime() + LATE_ARRIVALS.toNanos();
        while ((probe.received() < count || direct.received() < count) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new Paced(count, probe.samples(), direct.samples());
    }
}
