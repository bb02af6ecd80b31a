package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.serve.Serve;
import io.github.frappemessenger.serve.ServeOptions;
import io.github.frappemessenger.socketio.MessengerSocketServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Sockets of socket.io-client 4 (Node: the browser's engine.io-client) that open with polling and upgrade to a
 * websocket while a burst of events is broadcast each hear every event after their resume position once, in order,
 * the burst's last one included with nothing sent after it (node/tests/upgrade-burst.mjs).
 */
class UpgradeBurstTest {
    private static final int SOCKETS = 40;
    private static final int EVENTS = 4_000;

    @Test
    void socketsUpgradingDuringABurstHearEveryEventOnceInOrder() throws Exception {
        try (Serve serve = Serve.start(ServeOptions.parse(new String[] {"--port", "0", "--site", "burst.localhost"}),
                "agent@example.com=k1:s1");
             NodeScript node = NodeScript.start("upgrade-burst.mjs", "http://127.0.0.1:" + serve.port(),
                     "burst.localhost", "k1:s1", String.valueOf(SOCKETS))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            String line;
            do {
                line = node.nextLine(Duration.ofMillis(500));
            } while (!"BURST".equals(line) && !"<exit>".equals(line) && System.nanoTime() < deadline);
            assertThat(line).as(node.transcript()).isEqualTo("BURST");
            MessengerSocketServer server = serve.socketServer();
            // About one event a millisecond, so that the sockets' upgrades (one every 15 ms) fall inside the burst.
            for (int i = 0; i < EVENTS; i++) {
                server.publishRaw("messenger:message_update", "all", "{\"n\":" + i + "}");
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(900));
            }
            node.send("DONE " + server.headOffset());
            int code = node.finish(Duration.ofSeconds(60));
            assertThat(code).as(node.transcript()).isEqualTo(0);
            assertThat(node.transcript().lines()).as(node.transcript()).contains("PASS");
        }
    }
}
