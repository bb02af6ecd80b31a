package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.internal.Builders;
import io.github.frappemessenger.internal.EventJson;
import io.github.frappemessenger.port.RealtimePublisher;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO v4 server for one Frappe site that Frappe's own clients can use unchanged: namespace {@code /<site>},
 * Frappe's connection rules ({@link Authenticator} in place of {@code get_user_info}), rooms {@code user:<user>},
 * {@code all} (desk users) and {@code website} (guests only). As a {@link RealtimePublisher} it sends what the
 * messenger emits; every event carries its stream position ({@code {"epoch", "offset"}}) as a second argument and is
 * kept in a bounded {@link EventHistory}, so a client that reconnects with {@code auth: {epoch, offset}} gets exactly
 * what it missed (docs/realtime.md). Plain HTTP on the same port goes to an optional {@link HttpService}.
 *
 * <p>Built by {@link #builder()}; nothing listens until {@link #start()}. Thread-safe.
 */
public final class MessengerSocketServer implements RealtimePublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessengerSocketServer.class);
    private static final String PRINCIPAL = "messenger.principal";
    private static final int HTTP_DRAIN_SECONDS = 30;

    private final String site;
    private final String host;
    private final int port;
    private final String path;
    private final EventHistory history;
    private final EventJson json = new EventJson(new ObjectMapper());
    private final ExecutorService httpWorkers;
    private final SocketListener io;
    private final SocketIONamespace namespace;
    private final SiteStream stream;
    private volatile InetSocketAddress address;
    private boolean started;
    private boolean closed;

    private MessengerSocketServer(Builder b, String site, Authenticator authenticator, EventHistory history) {
        this.site = site;
        this.host = b.host;
        this.port = b.port;
        this.path = b.path;
        this.history = history;
        Configuration c = new Configuration();
        c.setHostname(b.host);
        c.setPort(b.port);
        c.setContext(b.path);
        c.setMaxFramePayloadLength(b.maxPayloadBytes);
        c.setMaxHttpContentLength(b.maxPayloadBytes);
        c.setRandomSession(true);
        // Requests outside the Socket.IO path go on to our HttpService instead of a 400 (they are all answered).
        c.setAllowCustomRequests(b.httpService != null);
        c.setWorkerThreads(b.networkThreads);
        // Socket.IO 4's own server does not compress websocket frames (perMessageDeflate is off by default): for
        // small realtime events, deflating every frame for every socket costs both sides far more than it saves.
        c.setWebsocketCompression(false);
        SocketConfig socket = new SocketConfig();
        socket.setReuseAddress(true);
        socket.setTcpNoDelay(true);
        c.setSocketConfig(socket);
        c.setExceptionListener(new QuietExceptionListener());
        this.httpWorkers = b.httpService == null ? null : Executors.newFixedThreadPool(b.httpThreads,
                named("messenger-http[" + site + "]"));
        c.setJsonSupport(new JacksonJsonSupport());
        NettyHttpBridge http = b.httpService == null ? null : new NettyHttpBridge(b.path, b.httpService, httpWorkers);
        this.io = new SocketListener(c, () -> new MessengerChannelInitializer(Set.of("", "/" + site), http));
        // The default namespace "/" exists in every Socket.IO server; Frappe has nothing there, and neither do we.
        io.namespace("").addAuthTokenListener((auth, client) -> new AuthTokenResult(false,
                Map.of("message", ConnectionRules.INVALID_NAMESPACE)));
        SocketIONamespace ns = io.namespace("/" + site);
        this.namespace = ns;
        this.stream = new SiteStream(ns, history);
        ConnectionRules rules = new ConnectionRules(site, authenticator);
        ns.addAuthTokenListener((auth, client) -> {
            ConnectionRules.Admission a = rules.admit(ns.getName(), client.getHandshakeData().getHttpHeaders());
            if (!a.admitted()) {
                log.info("refused a socket from {}: {}", client.getRemoteAddress(), a.refusal());
                return new AuthTokenResult(false, Map.of("message", a.refusal()));
            }
            client.set(PRINCIPAL, a.principal());
            return AuthTokenResult.AuthTokenResultSuccess;
        });
        ns.addConnectListener(client -> {
            Principal who = client.get(PRINCIPAL);
            if (who == null) {
                ServerDisconnect.disconnect(client);
                return;
            }
            stream.admit(client, who, ResumeRequest.from(client.getHandshakeData().getAuthToken()));
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving. */
    public synchronized MessengerSocketServer start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        try {
            address = io.start();
        } catch (Exception e) {
            // Netty rethrows a failed bind as it is: a checked BindException that a caller's catch of
            // RuntimeException would miss, leaving the server's non-daemon event loops running.
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        log.info("Socket.IO server for site {} on {}:{}{}", site, host, address.getPort(), path);
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        if (address == null) {
            throw new IllegalStateException("not started");
        }
        return address.getPort();
    }

    public String site() {
        return site;
    }

    /** The current epoch and the newest offset of the site's stream. */
    public String epoch() {
        return stream.epoch();
    }

    public long headOffset() {
        return stream.headOffset();
    }

    @Override
    public void publish(RealtimeEvent event) {
        publishRaw(event.event().eventName(), event.room().name(), json.write(event.event().payload()));
    }

    /**
     * Sends an event given as Frappe's Redis message parts (the relay's path). Room {@code website} is refused:
     * conversation data never goes to guests.
     */
    public StreamEvent publishRaw(String event, String room, String payloadJson) {
        if (room == null || room.isBlank() || room.equals("website")) {
            throw new IllegalArgumentException("room '" + room + "' is not one the messenger sends to");
        }
        return stream.publish(event, room, payloadJson);
    }

    /**
     * Disconnects every socket of the site (say, before maintenance): each hears "io server disconnect", leaves its
     * rooms at once (nothing more is sent to it) and its connection is closed. socket.io-client does not reconnect
     * after that by itself; the inbox page and the JVM client do, and resume from their position. Returns how many
     * were disconnected.
     */
    public int disconnectAll() {
        int n = 0;
        for (SocketIOClient client : List.copyOf(clients())) {
            ServerDisconnect.disconnect(client);
            n++;
        }
        return n;
    }

    /** The site's sockets now (for tests in this package that reach into netty-socketio). */
    Collection<SocketIOClient> clients() {
        return namespace.getAllClients();
    }

    /** How many sockets are connected to the site now. */
    public int connectedCount() {
        return namespace.getAllClients().size();
    }

    /**
     * Stops listening, closes every socket, and closes the history. Idempotent. HTTP calls that are running (an API
     * save and the events it publishes) are finished first, for up to 30 s, while the
     * sockets are still open; calls that arrive meanwhile are answered 503. When this returns, no thread of this
     * server is still inside the {@link HttpService}, unless one ignored the interrupt it got after the wait (logged).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (httpWorkers != null) {
            drainHttpWorkers();
        }
        if (started) {
            io.stop();
        }
        history.close();
    }

    private void drainHttpWorkers() {
        httpWorkers.shutdown();
        try {
            if (!httpWorkers.awaitTermination(HTTP_DRAIN_SECONDS, TimeUnit.SECONDS)) {
                log.warn("HTTP calls of site {} still running {} s after close; interrupting them", site,
                        HTTP_DRAIN_SECONDS);
                httpWorkers.shutdownNow();
                if (!httpWorkers.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.error("HTTP calls of site {} ignored the interrupt and still run after close", site);
                }
            }
        } catch (InterruptedException e) {
            httpWorkers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Configures a {@link MessengerSocketServer}. Each setter checks its argument at once; a setting without a
     * default is taken once; {@link #build()} checks that {@code site} and {@code authenticator} were given.
     * Building starts nothing: {@link MessengerSocketServer#start()} binds the port. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String site;
        private String host = "127.0.0.1";
        private int port = 8080;
        private String path = "/socket.io";
        private @Nullable Authenticator authenticator;
        private @Nullable EventHistory history;
        private @Nullable HttpService httpService;
        private int httpThreads = 4;
        private int networkThreads = 0;
        private int maxPayloadBytes = 1 << 20;

        private Builder() {
        }

        /** The Frappe site name; the namespace is {@code /<site>}. Required. */
        public Builder site(String site) {
            if (Builders.nonBlank(site, "site").contains("/")) {
                throw new IllegalArgumentException("site must be a site name such as crm.example.com, was '" + site
                        + "'");
            }
            this.site = Builders.once(this.site, site.strip(), "site");
            return this;
        }

        public Builder host(String host) {
            this.host = Builders.nonBlank(host, "host");
            return this;
        }

        /** 0 picks a free port ({@link MessengerSocketServer#port()} tells which). Default 8080. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The Socket.IO path, {@code /socket.io} by default (as behind Frappe's nginx). */
        public Builder path(String path) {
            if (!Builders.nonBlank(path, "path").startsWith("/") || path.endsWith("/")) {
                throw new IllegalArgumentException("path must start and not end with '/', was '" + path + "'");
            }
            this.path = path;
            return this;
        }

        /** Who may connect (Frappe's {@code get_user_info}). Required. */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Builders.once(this.authenticator, authenticator, "authenticator");
            return this;
        }

        /** Where the stream is kept; default: in memory, 10,000 events, 10 minutes. The server closes it. */
        public Builder history(EventHistory history) {
            this.history = Builders.once(this.history, history, "history");
            return this;
        }

        /** Serves plain HTTP on the same port (every path outside the Socket.IO path). */
        public Builder httpService(HttpService service) {
            this.httpService = Builders.once(this.httpService, service, "httpService");
            return this;
        }

        /** Threads that run the {@link HttpService} (default 4). */
        public Builder httpThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("httpThreads must be at least 1, was " + threads);
            }
            this.httpThreads = threads;
            return this;
        }

        /** Netty's network threads (default 0: twice the cores, Netty's default). */
        public Builder networkThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("networkThreads must be 0 or more, was " + threads);
            }
            this.networkThreads = threads;
            return this;
        }

        /** The largest HTTP body or WebSocket frame accepted (default 1 MiB). */
        public Builder maxPayloadBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxPayloadBytes must be at least 1024, was " + bytes);
            }
            this.maxPayloadBytes = bytes;
            return this;
        }

        /** The server, not yet listening; each build without a {@link #history} gets its own in-memory one. */
        public MessengerSocketServer build() {
            String name = Builders.required(site, "MessengerSocketServer",
                    "site (the Socket.IO namespace is /<site>)");
            Authenticator who = Builders.required(authenticator, "MessengerSocketServer",
                    "authenticator (who may connect)");
            EventHistory kept = history != null ? history
                    : new InMemoryEventHistory(10_000, Duration.ofMinutes(10), Clock.systemUTC());
            return new MessengerSocketServer(this, name, who, kept);
        }
    }
}
