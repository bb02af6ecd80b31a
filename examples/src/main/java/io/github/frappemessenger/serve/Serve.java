package io.github.frappemessenger.serve;

import io.github.frappemessenger.socketio.EventHistory;
import io.github.frappemessenger.socketio.HttpService;
import io.github.frappemessenger.socketio.InMemoryEventHistory;
import io.github.frappemessenger.socketio.MessengerSocketServer;
import io.github.frappemessenger.socketio.RedisStreamHistory;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running {@code serve}: the Socket.IO server (which owns the port), the messenger behind it, and the page and API
 * on the same port. {@link #start} binds; {@link #close} stops everything. Used by the command and by tests.
 */
public final class Serve implements AutoCloseable {
    private final MessengerSocketServer server;
    private final Backend backend;

    private Serve(MessengerSocketServer server, Backend backend) {
        this.server = server;
        this.backend = backend;
    }

    /** Starts serving; {@code tokens} is the token table, {@code user=key:secret,...} (MESSENGER_TOKENS's form). */
    public static Serve start(ServeOptions options, String tokens) {
        ServeAccounts accounts = new ServeAccounts(tokens, Clock.systemUTC());
        AtomicReference<HttpService> api = new AtomicReference<>(call -> null);
        EventHistory history = options.redis() == null
                ? new InMemoryEventHistory(options.historySize(), options.historyAge(), Clock.systemUTC())
                : RedisStreamHistory.connect(options.redis(), options.site(), options.historySize(),
                        options.historyAge(), "messenger:stream", Clock.systemUTC());
        MessengerSocketServer server = MessengerSocketServer.builder()
                .site(options.site()).host(options.host()).port(options.port())
                .authenticator(accounts).history(history)
                .httpService(call -> api.get().handle(call))
                .build();
        Backend backend;
        try {
            backend = options.db() == null ? Backend.inMemory(server) : Backend.jdbc(options.db(), server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        api.set(new InboxApi(backend, accounts, options.site()));
        try {
            server.start();
        } catch (RuntimeException e) {
            backend.close();
            server.close();
            throw e;
        }
        return new Serve(server, backend);
    }

    public int port() {
        return server.port();
    }

    public MessengerSocketServer socketServer() {
        return server;
    }

    Backend backend() {
        return backend;
    }

    /**
     * Stops serving, then closes the store. The order matters: the server's close first finishes the API calls that
     * are running (a save, its transaction and the events relayed from the outbox after its commit, which run on the
     * calling worker) and refuses new ones; only then is the store, with its pool, closed. So no thread uses the pool
     * after this returns, and a new {@code start} on the same SQLite file finds no transaction left open.
     */
    @Override
    public void close() {
        server.close();
        backend.close();
    }
}
