package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A socket hears the events of a broadcast in stream order even when its event loop is behind and holds drain tasks
 * of netty-socketio's packet queue left over from earlier pings: the interleaving that, at 1,000 sockets on a loaded
 * machine, made each socket hear about one event late and a resuming client skip it for good.
 */
class BroadcastOrderTest {
    @RegisterExtension
    final AgentServer site = new AgentServer("order.localhost");

    @Test
    void anEventQueuedBehindAPingIsNotWrittenBeforeAnEarlierOne() throws Exception {
        MessengerSocketServer server = site.server();
        int port = server.port();
        try (TestSocket agent = new TestSocket(port, site.namespace(),
                TestSocket.deskHeaders(port, AgentServer.TOKEN), true, "websocket")) {
            agent.connect();
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 1);
            site.publish(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> agent.heard().size() == 1);

            SocketIOClient client = List.copyOf(server.clients()).get(0);
            ClientHead head = ((NamespaceClient) client).getBaseClient();
            Channel channel = head.getStore().get(DirectFrames.WEBSOCKET_CHANNEL);
            EventLoop loop = channel.eventLoop();
            CountDownLatch firstStretch = new CountDownLatch(1);
            CountDownLatch secondStretch = new CountDownLatch(1);

            // The loop is busy; two pings are queued, each with its drain task. The first drain takes both pings, so
            // the second drain task is left over, waiting behind the loop's second stretch of work.
            loop.execute(() -> awaitQuietly(firstStretch));
            head.send(ping());
            loop.execute(() -> awaitQuietly(secondStretch));
            head.send(ping());
            firstStretch.countDown();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> head.getPacketsQueue(Transport.WEBSOCKET).isEmpty());

            site.publish(2); // its task for this loop goes behind the left-over drain
            head.send(ping()); // the timer's next ping
            site.publish(3); // queued behind that ping, this event would be written by the left-over drain, before 2
            secondStretch.countDown();

            await().atMost(Duration.ofSeconds(5)).until(() -> agent.heard().size() == 3);
            assertThat(agent.heard().stream().map(h -> h.payload().get("n")).toList()).containsExactly(1, 2, 3);
            assertThat(agent.heard().stream().map(TestSocket.Heard::offset).toList()).isSorted();
        }
    }

    private static Packet ping() {
        return new Packet(PacketType.PING, EngineIOVersion.V4);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
