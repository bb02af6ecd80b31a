package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.internal.EventJson;
import io.github.frappemessenger.port.RealtimePublisher;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final MessengerSocketServerBuilder settings;
    private final EventJson json = new EventJson(new ObjectMapper());
    private final ExecutorService httpWorkers;
    private final SocketListener io;
    private final SocketIONamespace namespace;
    private final SiteStream stream;
    private volatile InetSocketAddress address;
    private boolean started;
    private boolean closed;

    MessengerSocketServer(MessengerSocketServerBuilder b) {
        this.settings = b;
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
                named("messenger-http[" + b.site + "]"));
        c.setJsonSupport(new JacksonJsonSupport());
        NettyHttpBridge http = b.httpService == null ? null : new NettyHttpBridge(b.path, b.httpService, httpWorkers);
        this.io = new SocketListener(c, () -> new MessengerChannelInitializer(Set.of("", "/" + b.site), http));
        // The default namespace "/" exists in every Socket.IO server; Frappe has nothing there, and neither do we.
        io.namespace("").addAuthTokenListener((auth, client) -> new AuthTokenResult(false,
                Map.of("message", ConnectionRules.INVALID_NAMESPACE)));
        SocketIONamespace ns = io.namespace("/" + b.site);
        this.namespace = ns;
        this.stream = new SiteStream(ns, b.history);
        ConnectionRules rules = new ConnectionRules(b.site, b.authenticator);
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
                client.disconnect();
                return;
            }
            stream.admit(client, who, ResumeRequest.from(client.getHandshakeData().getAuthToken()));
        });
    }

    public static MessengerSocketServerBuilder builder() {
        return new MessengerSocketServerBuilder();
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
            throw new IllegalStateException("cannot listen on " + settings.host + ":" + settings.port + ": "
                    + e.getMessage(), e);
        }
        log.info("Socket.IO server for site {} on {}:{}{}", settings.site, settings.host, address.getPort(),
                settings.path);
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
        return settings.site;
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
     * Disconnects every socket of the site (say, before maintenance). Clients reconnect by themselves and resume from
     * their position. Returns how many were disconnected.
     */
    public int disconnectAll() {
        int n = 0;
        for (com.corundumstudio.socketio.SocketIOClient client : namespace.getAllClients()) {
            client.disconnect();
            n++;
        }
        return n;
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
        settings.history.close();
    }

    private void drainHttpWorkers() {
        httpWorkers.shutdown();
        try {
            if (!httpWorkers.awaitTermination(HTTP_DRAIN_SECONDS, TimeUnit.SECONDS)) {
                log.warn("HTTP calls of site {} still running {} s after close; interrupting them", settings.site,
                        HTTP_DRAIN_SECONDS);
                httpWorkers.shutdownNow();
                if (!httpWorkers.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.error("HTTP calls of site {} ignored the interrupt and still run after close", settings.site);
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
}
