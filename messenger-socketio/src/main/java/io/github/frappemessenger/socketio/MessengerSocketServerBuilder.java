package io.github.frappemessenger.socketio;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link MessengerSocketServer}. Each setter checks its argument; {@link #build()} checks that
 * {@code site} and {@code authenticator} were given. Building starts nothing: {@link MessengerSocketServer#start()}
 * binds the port.
 */
public final class MessengerSocketServerBuilder {
    String site;
    String host = "127.0.0.1";
    int port = 8080;
    String path = "/socket.io";
    Authenticator authenticator;
    EventHistory history;
    HttpService httpService;
    int httpThreads = 4;
    int networkThreads = 0;
    int maxPayloadBytes = 1 << 20;

    MessengerSocketServerBuilder() {
    }

    /** The Frappe site name; the namespace is {@code /<site>}. Required. */
    public MessengerSocketServerBuilder site(String site) {
        if (site == null || site.isBlank() || site.contains("/")) {
            throw new IllegalArgumentException("site must be a site name such as crm.example.com, was '" + site + "'");
        }
        this.site = site.strip();
        return this;
    }

    public MessengerSocketServerBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /** 0 picks a free port ({@link MessengerSocketServer#port()} tells which). Default 8080. */
    public MessengerSocketServerBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        this.port = port;
        return this;
    }

    /** The Socket.IO path, {@code /socket.io} by default (as behind Frappe's nginx). */
    public MessengerSocketServerBuilder path(String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and not end with '/', was '" + path + "'");
        }
        this.path = path;
        return this;
    }

    /** Who may connect (Frappe's {@code get_user_info}). Required. */
    public MessengerSocketServerBuilder authenticator(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        return this;
    }

    /** Where the stream is kept; default: in memory, 10,000 events, 10 minutes. The server closes it. */
    public MessengerSocketServerBuilder history(EventHistory history) {
        this.history = Objects.requireNonNull(history, "history");
        return this;
    }

    /** Serves plain HTTP on the same port (every path outside the Socket.IO path). */
    public MessengerSocketServerBuilder httpService(HttpService service) {
        this.httpService = Objects.requireNonNull(service, "httpService");
        return this;
    }

    /** Threads that run the {@link HttpService} (default 4). */
    public MessengerSocketServerBuilder httpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("httpThreads must be at least 1, was " + threads);
        }
        this.httpThreads = threads;
        return this;
    }

    /** Netty's network threads (default 0: twice the cores, Netty's default). */
    public MessengerSocketServerBuilder networkThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("networkThreads must be 0 or more, was " + threads);
        }
        this.networkThreads = threads;
        return this;
    }

    /** The largest HTTP body or WebSocket frame accepted (default 1 MiB). */
    public MessengerSocketServerBuilder maxPayloadBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxPayloadBytes must be at least 1024, was " + bytes);
        }
        this.maxPayloadBytes = bytes;
        return this;
    }

    public MessengerSocketServer build() {
        if (site == null) {
            throw new IllegalStateException("site is required (the Socket.IO namespace is /<site>)");
        }
        if (authenticator == null) {
            throw new IllegalStateException("authenticator is required (who may connect)");
        }
        if (history == null) {
            history = new InMemoryEventHistory(10_000, Duration.ofMinutes(10), Clock.systemUTC());
        }
        return new MessengerSocketServer(this);
    }
}
