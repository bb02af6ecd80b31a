package io.github.frappemessenger.socketio;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server most tests here need, started before each test and closed after it ({@code @RegisterExtension}): one
 * site, one desk user {@code agent@example.com} (token {@link #TOKEN}), an in-memory history of 100 events.
 */
final class AgentServer implements BeforeEachCallback, AfterEachCallback {
    static final String TOKEN = "k1:s1";

    private final String site;
    private MessengerSocketServer server;

    AgentServer(String site) {
        this.site = site;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = MessengerSocketServer.builder().site(site).port(0)
                .authenticator(TokenAuthenticator.parse("agent@example.com=" + TOKEN))
                .history(new InMemoryEventHistory(100, Duration.ofMinutes(5), Clock.systemUTC()))
                .build().start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    MessengerSocketServer server() {
        return server;
    }

    /** The site's namespace, {@code /<site>}. */
    String namespace() {
        return "/" + site;
    }

    /** Publishes {@code {"n": n}} as a message update to room {@code all}. */
    void publish(int n) {
        server.publishRaw("messenger:message_update", "all", "{\"n\":" + n + "}");
    }
}
