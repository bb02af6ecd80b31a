package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.event.UnreadUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frappe's connection rules and rooms, seen by socket.io-client-java against a real server on loopback. */
class ConnectionRulesServerTest {
    private static final String SITE = "rules.localhost";
    private static MessengerSocketServer server;
    private static int port;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = MessengerSocketServer.builder().site(SITE).port(0)
                .authenticator(TokenAuthenticator.parse("agent@example.com=k1:s1,boss@example.com=k2:s2"))
                .build().start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestSocket::close);
    }

    private TestSocket open(String namespace, Map<String, String> headers) {
        TestSocket s = new TestSocket(port, namespace, headers, false);
        sockets.add(s);
        return s.connect();
    }

    private String refusal(String namespace, Map<String, String> headers) {
        TestSocket s = open(namespace, headers);
        await().atMost(Duration.ofSeconds(15)).until(() -> !s.errors().isEmpty());
        assertThat(s.connected()).isFalse();
        return s.errors().get(0);
    }

    @Test
    void aDeskUserWithATokenHearsRoomAllAndItsOwnRoomWithPositions() {
        TestSocket agent = open("/" + SITE, TestSocket.deskHeaders(port, "k1:s1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 1);

        server.publish(RealtimeEvent.toAll(new UnreadUpdate("CONV-1", 3)));
        server.publish(new RealtimeEvent(new UnreadUpdate("CONV-2", 1), Room.user("agent@example.com")));
        server.publish(new RealtimeEvent(new UnreadUpdate("CONV-3", 1), Room.user("boss@example.com")));

        await().atMost(Duration.ofSeconds(5)).until(() -> agent.heard().size() == 2);
        List<TestSocket.Heard> heard = agent.heard();
        assertThat(heard.get(0).event()).isEqualTo("messenger:unread_update");
        assertThat(heard.get(0).payload()).isEqualTo(Map.of("conversation_id", "CONV-1", "unread_count", 3));
        assertThat(heard.get(1).payload().get("conversation_id")).isEqualTo("CONV-2");
        assertThat(heard.get(0).epoch()).isEqualTo(server.epoch());
        assertThat(heard.get(1).offset())
                .as("offsets count every event of the site")
                .isEqualTo(heard.get(0).offset() + 1);
    }

    @Test
    void theGuestJoinsOnlyWebsiteAndHearsNoConversationData() throws Exception {
        TestSocket guest = open("/" + SITE, Map.of("Origin", "http://127.0.0.1:" + port, "Cookie", "sid=Guest"));
        TestSocket agent = open("/" + SITE, TestSocket.deskHeaders(port, "k1:s1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> guest.resumes().size() == 1 && agent.resumes().size() == 1);

        server.publish(RealtimeEvent.toAll(new UnreadUpdate("CONV-9", 2)));

        await().atMost(Duration.ofSeconds(5)).until(() -> agent.heard().size() == 1);
        Thread.sleep(200);
        assertThat(guest.connected()).isTrue();
        assertThat(guest.heard()).isEqualTo(List.of());
    }

    @Test
    void aNamespaceOtherThanTheSiteIsRefused() {
        assertThat(refusal("/other.site", TestSocket.deskHeaders(port, "k1:s1"))).isEqualTo("Invalid namespace");
        assertThat(refusal("/", TestSocket.deskHeaders(port, "k1:s1"))).isEqualTo("Invalid namespace");
    }

    @Test
    void aSiteNameHeaderThatNamesAnotherSiteIsRefused() {
        Map<String, String> headers = new java.util.HashMap<>(TestSocket.deskHeaders(port, "k1:s1"));
        headers.put("X-Frappe-Site-Name", "other.site");
        assertThat(refusal("/" + SITE, headers)).isEqualTo("Invalid namespace");
    }

    @Test
    void anOriginOfAnotherHostIsRefused() {
        assertThat(refusal("/" + SITE, Map.of("Origin", "http://evil.example:" + port,
                "Cookie", "sid=Guest", "Authorization", "token k1:s1")))
                .isEqualTo("Invalid origin");
        assertThat(refusal("/" + SITE, Map.of("Cookie", "sid=Guest",
                "Authorization", "token k1:s1")))
                .isEqualTo("Invalid origin");
    }

    @Test
    void noCookieAndNoTokenIsRefused() {
        assertThat(refusal("/" + SITE, Map.of("Origin", "http://127.0.0.1:" + port)))
                .isEqualTo("No cookie transmitted.");
    }

    @Test
    void aCookieWithoutSidAndNoTokenIsRefused() {
        assertThat(refusal("/" + SITE, Map.of("Origin", "http://127.0.0.1:" + port,
                "Cookie", "system_user=yes")))
                .isEqualTo(ConnectionRules.NO_AUTH);
    }

    @Test
    void aWrongSecretOrAnUnknownSessionIsUnauthorized() {
        assertThat(refusal("/" + SITE, TestSocket.deskHeaders(port, "k1:wrong"))).isEqualTo("Unauthorized");
        assertThat(refusal("/" + SITE, TestSocket.deskHeaders(port, "nobody:s1"))).isEqualTo("Unauthorized");
        assertThat(refusal("/" + SITE, Map.of("Origin", "http://127.0.0.1:" + port,
                "Cookie", "sid=abcdef")))
                .isEqualTo("Unauthorized");
    }

    @Test
    void aTokenWithoutAnyCookieIsAccepted() {
        TestSocket s = open("/" + SITE, Map.of("Origin", "http://127.0.0.1:" + port, "Authorization", "token k2:s2"));
        await().atMost(Duration.ofSeconds(15)).until(() -> s.resumes().size() == 1);
        assertThat(s.connected()).isTrue();
    }

    @Test
    void roomWebsiteCannotBePublishedTo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> server.publishRaw("messenger:unread_update", "website", "{}"));
    }
}
