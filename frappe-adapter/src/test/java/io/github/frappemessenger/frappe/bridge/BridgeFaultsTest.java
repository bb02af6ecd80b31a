package io.github.frappemessenger.frappe.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.frappe.realtime.RedisServerProcess;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bridge against faults from issue 8, over real HTTP, with the Frappe stand-in and a real Redis; each test
 * ends with the site's state: every message linked, one conversation per sender, every message announced once.
 */
class BridgeFaultsTest {
    @TempDir
    Path journal;

    private final FaultSite site = new FaultSite();
    private MessengerBridge bridge;
    private RedisSubscriber events;

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (events != null) {
            events.close();
        }
        site.close();
    }

    @Test
    void redisStoppedWhileWebhooksArriveLosesNothingOnceItIsBack() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            Map<String, String> env = site.env(redis.uri(), journal);
            // No sweep: its first pass could announce the messages before Redis stops, to no subscriber (this test's
            // can only listen once Redis is back, and the bridge rightly does not announce them again). The faults
            // harness runs the sweep through outages with a tap that reconnects at once.
            env.put("CATCHUP_INTERVAL_S", "0");
            bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(env));
            site.newMessages(12, 4);
            redis.stop();

            List<FaultSite.Answer> answers = site.deliverAll(bridge.port(), 6);

            FaultSite.assertAllAcceptedInTime(answers);
            assertThat(answers.stream().anyMatch(a -> a.status() == 202)).as("Redis was away: work was deferred")
                    .isTrue();
            assertThat(bridge.backlog() > 0).as("journaled, waiting for Redis").isTrue();
            redis.restart();
            events = RedisSubscriber.subscribe(redis.port(), "events");
            await().atMost(Duration.ofSeconds(60)).until(() -> site.settled(events));
            await().atMost(Duration.ofSeconds(10)).until(() -> bridge.backlog() == 0);
            site.assertFinalState(events);
            events.close(); // before its Redis goes
            events = null;
            bridge.close();
            bridge = null;
        }
    }

    @Test
    void aHungSiteGetsEveryAnswerWithinFourSecondsAndTheWorkIsFinishedLater() throws Exception {
        events = RedisSubscriber.subscribe(6379, "events");
        bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(site.env("redis://127.0.0.1:6379", journal)));
        site.newMessages(6, 3);
        site.frappe.hang(Duration.ofSeconds(8));

        List<FaultSite.Answer> answers = site.deliverAll(bridge.port(), 6);

        FaultSite.assertAllAcceptedInTime(answers);
        assertThat(answers.stream().filter(a -> a.status() == 202).count()).as("none could be done: " + answers)
                .isEqualTo(12);
        site.frappe.hang(Duration.ZERO);
        await().atMost(Duration.ofSeconds(90)).until(() -> site.settled(events));
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.backlog() == 0);
        site.assertFinalState(events);
    }
}
