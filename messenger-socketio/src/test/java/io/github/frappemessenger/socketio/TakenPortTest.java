package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * A port that is taken is an unchecked error naming the address (Netty would throw its checked BindException past a
 * caller's catch of RuntimeException), and close() still stops the server's event loops.
 */
class TakenPortTest {

    @Test
    void startOnATakenPortThrowsAnUncheckedErrorNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MessengerSocketServer server = MessengerSocketServer.builder().site("taken.localhost")
                    .port(taken.getLocalPort()).authenticator(TokenAuthenticator.parse("agent@example.com=k:s"))
                    .build();

            IllegalStateException e = assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(server::start)
                    .actual();

            assertThat(e.getMessage()).startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
            assertThat(e.getCause()).isInstanceOf(BindException.class);
            server.close();
        }
    }
}
