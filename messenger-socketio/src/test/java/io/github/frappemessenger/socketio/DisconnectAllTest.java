package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code disconnectAll()}: sockets leave at once, and a client that comes back resumes without a gap or a repeat. */
class DisconnectAllTest {
    @RegisterExtension
    final AgentServer site = new AgentServer("disconnect.localhost");

    @Test
    void disconnectedSocketsLeaveAtOnceAndResumeWhenTheyComeBack() {
        MessengerSocketServer server = site.server();
        int port = server.port();
        Map<String, String> headers = TestSocket.deskHeaders(port, AgentServer.TOKEN);
        try (TestSocket websocket = new TestSocket(port, site.namespace(), headers, true, "websocket");
             TestSocket polling = new TestSocket(port, site.namespace(), headers, true, "polling")) {
            websocket.connect();
            polling.connect();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> websocket.resumes().size() == 1 && polling.resumes().size() == 1);
            publish(0, 1);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> websocket.heard().size() == 1 && polling.heard().size() == 1);

            assertThat(server.disconnectAll()).isEqualTo(2);
            assertThat(server.connectedCount()).as("gone from the site at once, not when the client closes").isZero();
            publish(1, 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> !websocket.connected() && !polling.connected());

            websocket.connect();
            polling.connect();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> websocket.heard().size() >= 11 && polling.heard().size() >= 11);
            for (TestSocket s : new TestSocket[] {websocket, polling}) {
                assertThat(s.heard().stream().map(h -> h.payload().get("n")).toList())
                        .as("each event once, in order").isEqualTo(IntStream.range(0, 11).boxed().toList());
                assertThat(s.resumes().get(1).getBoolean("recovered")).isTrue();
            }
            assertThat(server.connectedCount()).isEqualTo(2);
        }
    }

    @Test
    void aDisconnectedSocketHearsNothingMoreEvenIfItsClientIgnoresTheDisconnect() throws Exception {
        MessengerSocketServer server = site.server();
        int port = server.port();
        String nsp = site.namespace();
        RawSocket raw = new RawSocket();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://127.0.0.1:" + port).header("Cookie", "sid=Guest")
                .header("Authorization", "token " + AgentServer.TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), raw)
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.heard("0{"));
        ws.sendText("40" + nsp + ",{}", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.heard(SiteStream.RESUME_EVENT));
        publish(0, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> raw.heard("\"n\":0"));

        Channel connection = ((NamespaceClient) List.copyOf(server.clients()).get(0)).getBaseClient().getStore()
                .get(DirectFrames.WEBSOCKET_CHANNEL);
        server.disconnectAll();
        publish(1, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> raw.heard("41" + nsp));
        // Checked at the server: the JDK's WebSocket client does not always report a connection closed without a
        // close frame.
        await("the server closes the connection").atMost(Duration.ofSeconds(5)).until(() -> !connection.isOpen());
        assertThat(raw.texts()).as("nothing after the disconnect").noneMatch(t -> t.contains("\"n\":1"));
    }

    /** A bare Engine.IO websocket client that answers nothing (not even the server's DISCONNECT). */
    private static final class RawSocket implements WebSocket.Listener {
        private final List<String> texts = new CopyOnWriteArrayList<>();
        private final StringBuilder part = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                texts.add(part.toString());
                part.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        boolean heard(String fragment) {
            return texts.stream().anyMatch(t -> t.contains(fragment));
        }

        List<String> texts() {
            return List.copyOf(texts);
        }
    }

    private void publish(int from, int count) {
        for (int n = from; n < from + count; n++) {
            site.publish(n);
        }
    }
}
