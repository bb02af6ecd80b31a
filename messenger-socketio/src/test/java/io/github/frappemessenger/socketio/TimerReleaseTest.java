package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.HashedWheelTimer;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every timer a server makes is stopped by its close, so Netty never reports "LEAK: HashedWheelTimer.release() was
 * not called" for one (it does for a timer collected unstopped, such as the one of netty-socketio's default pipeline
 * factory, which {@code SocketIOServer} builds even when another factory replaces it). Netty counts the timers not
 * yet stopped; the count must be back where it was after a server's close.
 */
class TimerReleaseTest {

    private static int timersNotStopped() throws ReflectiveOperationException {
        Field f = HashedWheelTimer.class.getDeclaredField("INSTANCE_COUNTER");
        f.setAccessible(true);
        return ((AtomicInteger) f.get(null)).get();
    }

    private static MessengerSocketServer server() {
        return MessengerSocketServer.builder().site("timers.localhost").port(0)
                .authenticator(TokenAuthenticator.parse("agent@example.com=k:s")).build();
    }

    @Test
    void aServerThatRanStopsEveryTimerItMade() throws Exception {
        int before = timersNotStopped();
        MessengerSocketServer server = server().start();
        server.publishRaw("messenger:message_update", "all", "{}");
        server.close();
        assertThat(timersNotStopped()).isEqualTo(before);
    }

    @Test
    void aServerClosedWithoutStartingLeavesNoTimer() throws Exception {
        int before = timersNotStopped();
        server().close();
        assertThat(timersNotStopped()).isEqualTo(before);
    }
}
