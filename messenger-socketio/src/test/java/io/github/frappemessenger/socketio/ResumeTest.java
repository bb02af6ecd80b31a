package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gap-free resume with socket.io-client-java: what a client missed while away comes back once, in order. */
class ResumeTest {
    private static final String SITE = "resume.localhost";
    private static final int HISTORY = 1_500;
    private static MessengerSocketServer server;
    private static int port;

    @BeforeAll
    static void start() {
        server = MessengerSocketServer.builder().site(SITE).port(0)
                .authenticator(TokenAuthenticator.parse("agent@example.com=k1:s1,boss@example.com=k2:s2"))
                .history(new InMemoryEventHistory(HISTORY, Duration.ofMinutes(5), Clock.systemUTC()))
                .build().start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void publish(String tag, int from, int count, String room) {
        for (int i = from; i < from + count; i++) {
            server.publishRaw("messenger:message_update", room, "{\"tag\":\"" + tag + "\",\"n\":" + i + "}");
        }
    }

    @Test
    void aClientAwayWhileAThousandEventsWereSentGetsEachOnceInOrder() {
        try (TestSocket agent = new TestSocket(port, "/" + SITE, TestSocket.deskHeaders(port, "k1:s1"), true)) {
            agent.connect();
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 1);
            publish("a", 0, 10, "all");
            await().atMost(Duration.ofSeconds(5)).until(() -> agent.heard().size() == 10);

            agent.disconnect();
            publish("a", 10, 1_000, "all");
            publish("boss-only", 0, 5, "user:boss@example.com");
            agent.connect();

            await().atMost(Duration.ofSeconds(20)).until(() -> agent.heard().size() >= 1_010 && agent.resumes().size() == 2);
            publish("a", 1_010, 5, "all");
            await().atMost(Duration.ofSeconds(5)).until(() -> agent.heard().size() >= 1_015);

            List<Map<String, Object>> expected = IntStream.range(0, 1_015)
                    .mapToObj(i -> Map.<String, Object>of("tag", "a", "n", i)).toList();
            assertThat(agent.heard().stream().map(TestSocket.Heard::payload).toList()).isEqualTo(expected);
            JSONObject resume = agent.resumes().get(1);
            assertThat(resume.getBoolean("recovered")).isTrue();
            assertThat(resume.getInt("missed")).as("only the events of its rooms are replayed").isEqualTo(1_000);
        }
    }

    @Test
    void aClientWhoseGapExceedsTheHistoryIsToldToRefetch() {
        try (TestSocket agent = new TestSocket(port, "/" + SITE, TestSocket.deskHeaders(port, "k1:s1"), true)) {
            agent.connect();
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 1);
            publish("b", 0, 1, "all");
            await().atMost(Duration.ofSeconds(5)).until(() -> agent.heard().size() == 1);

            agent.disconnect();
            publish("b", 1, HISTORY + 10, "all");
            agent.connect();

            await().atMost(Duration.ofSeconds(10)).until(() -> agent.resumes().size() == 2);
            JSONObject resume = agent.resumes().get(1);
            assertThat(resume.getBoolean("recovered")).isFalse();
            assertThat(resume.getLong("offset"))
                    .as("the head to continue from after a refetch")
                    .isEqualTo(server.headOffset());
            assertThat(agent.heard()).as("nothing is replayed when the gap cannot be filled").hasSize(1);
        }
    }

    @Test
    void aPollingClientGetsEveryEventOfABurstLargerThanOnePollingResponse() {
        try (TestSocket agent = new TestSocket(port, "/" + SITE, TestSocket.deskHeaders(port, "k1:s1"), false, "polling")) {
            agent.connect();
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 1);
            publish("burst", 0, 500, "all");
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.heard().size() >= 500);
            assertThat(agent.heard().stream().map(h -> (Integer) h.payload().get("n")).toList())
                    .isEqualTo(IntStream.range(0, 500).boxed().toList());
        }
    }

    @Test
    void anOffsetOfAnotherEpochIsNotRecovered() {
        try (TestSocket agent = new TestSocket(port, "/" + SITE, TestSocket.deskHeaders(port, "k1:s1"), false)) {
            agent.connect();
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 1);
            assertThat(agent.resumes().get(0).getBoolean("recovered")).isFalse();
            assertThat(agent.resumes().get(0).getString("epoch")).isEqualTo(server.epoch());
        }
    }
}
