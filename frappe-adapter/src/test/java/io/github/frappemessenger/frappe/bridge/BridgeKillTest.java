package io.github.frappemessenger.frappe.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.frappe.realtime.ChildProcess;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A 2xx is a promise" across SIGKILL: a bridge process answers webhooks 202 while the site hangs, is killed with
 * SIGKILL right after, and a new process on the same journal finishes the work. The site's final state is checked.
 */
class BridgeKillTest {
    @TempDir
    Path journal;

    private final FaultSite site = new FaultSite();
    private RedisSubscriber events;
    private ChildProcess first;
    private ChildProcess second;

    @AfterEach
    void stop() throws Exception {
        for (ChildProcess p : new ChildProcess[] {first, second}) {
            if (p != null) {
                p.kill();
            }
        }
        if (events != null) {
            events.close();
        }
        site.close();
    }

    private ChildProcess.Started<Integer> startBridge(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ChildProcess.start(List.of(java, "-cp", System.getProperty("java.class.path"),
                        BridgeMain.class.getName()), null, site.env("redis://127.0.0.1:6379", journal), name,
                line -> line.startsWith("BRIDGE-LISTENING ") ? Integer.valueOf(line.substring(17).strip()) : null,
                Duration.ofSeconds(60));
    }

    @Test
    void deliveriesAnswered2xxSurviveASigkillAndAreFinishedByTheNextProcess() throws Exception {
        events = RedisSubscriber.subscribe(6379, "events");
        site.newMessages(6, 3);
        ChildProcess.Started<Integer> started = startBridge("bridge-1");
        first = started.process();
        site.frappe.hang(Duration.ofSeconds(6));

        List<FaultSite.Answer> answers = site.deliverAll(started.value(), 6);
        first.kill(); // SIGKILL, right after the last answer
        first = null;

        FaultSite.assertAllAcceptedInTime(answers);
        assertThat(answers.stream().filter(a -> a.status() == 202).count()).as("all deferred: " + answers)
                .isEqualTo(12);
        assertThat(site.frappe.all(FaultSite.MESSAGE).stream().anyMatch(m -> m.get("conversation") != null))
                .as("nothing was done before the kill").isFalse();
        site.frappe.hang(Duration.ZERO);

        second = startBridge("bridge-2").process();
        await().atMost(Duration.ofSeconds(90)).until(() -> site.settled(events));
        site.assertFinalState(events);
    }
}
