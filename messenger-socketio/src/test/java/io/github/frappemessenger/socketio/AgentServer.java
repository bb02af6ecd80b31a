package io.github.frappemessenger.socketio;

import java.time.Clock;
import java.time.Duration;

/** The server most tests here need: one site, one desk user {@code agent@example.com} (token {@link #TOKEN}). */
final class AgentServer {
    static final String TOKEN = "k1:s1";

    private AgentServer() {
    }

    /** Started on a free port, with an in-memory history of 100 events. */
    static MessengerSocketServer start(String site) {
        return MessengerSocketServer.builder().site(site).port(0)
                .authenticator(TokenAuthenticator.parse("agent@example.com=" + TOKEN))
                .history(new InMemoryEventHistory(100, Duration.ofMinutes(5), Clock.systemUTC()))
                .build().start();
    }
}
