package io.github.frappemessenger.frappe.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.Subscription;
import io.github.frappemessenger.frappe.internal.site.FrappeConversationResync;
import io.github.frappemessenger.frappe.internal.site.FrappeUnreadCounts;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.internal.Backoff;
import io.github.frappemessenger.internal.Builders;
import io.github.frappemessenger.internal.LogSafe;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.json.JSONObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM client of a Frappe site's realtime server (Socket.IO v4): joins the namespace {@code /<site>} with the
 * headers Frappe requires, hands every event to the listeners registered under its wire name (e.g.
 * {@code messenger:unread_update}) and every {@code messenger:*} event to an attached
 * {@link io.github.frappemessenger.inbox.MessengerInbox}.
 *
 * <p>It never gives up: a dropped or refused socket is retried with backoff, forever. While the socket is down
 * it polls an {@link UnreadCountSource} every poll interval; after a reconnect it asks a
 * {@link ConversationResync} for the conversations changed since it last heard from the server, upserts them and
 * refreshes the unread counts once, so the inbox ends as if nothing had dropped.
 *
 * <p>Thread-safe. Listeners and the inbox are called on socket.io-client's event thread, one event at a time and
 * in order; polls and resyncs run on the client's own recovery thread. {@link #close()} releases the socket, the
 * recovery thread and the HTTP client (unless it was shared through the builder).
 */
public final class FrappeRealtimeClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrappeRealtimeClient.class);

    private final String target;
    private final Socket socket;
    private final EventDispatcher dispatcher;
    private final RecoveryScheduler recovery;
    private final ResumePosition position = new ResumePosition();
    private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final Backoff refusedBackoff;
    private final RefusalHints hints;
    private final Clock clock;
    private final OkHttpClient ownedHttp;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Instant lastHeard;
    private volatile Instant downSince;
    // Touched on socket.io-client's event thread only.
    private int failedAttempts;
    private String lastError;

    private FrappeRealtimeClient(Builder b, String siteName, URI socketUri, OkHttpClient http, boolean httpOwned) {
        this.target = socketUri.toString();
        this.clock = b.clock;
        this.ownedHttp = httpOwned ? http : null;
        this.refusedBackoff = new Backoff(b.reconnectDelay, b.reconnectDelayMax, false);
        this.hints = new RefusalHints(b.siteUrl, socketUri, siteName);
        this.dispatcher = new EventDispatcher(b.mapper, b.inbox);
        this.recovery = new RecoveryScheduler(b.inbox, b.unreadCountSource, b.conversationResync, b.pollInterval,
                siteName);
        IO.Options options = FrappeSocketOptions.options(
                FrappeSocketOptions.headers(b.siteUrl, siteName, b.sid, b.apiKey, b.apiSecret),
                http, b.path, b.reconnectDelay, b.reconnectDelayMax, b.connectTimeout, position.auth());
        this.socket = IO.socket(socketUri, options);
        socket.on(Socket.EVENT_CONNECT, args -> onConnect());
        socket.on(Socket.EVENT_DISCONNECT, args -> onDisconnect(args.length > 0 ? String.valueOf(args[0]) : "?"));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> onConnectError(args.length > 0 ? args[0] : null));
        socket.onAnyIncoming(args -> {
            lastHeard = clock.instant();
            if (position.fresh(args)) {
                dispatcher.dispatch(args);
            }
        });
        // Every engine packet, pings included, proves the server was there: that time bounds what a drop hid.
        socket.io().on(Manager.EVENT_TRANSPORT, args -> ((Transport) args[0])
                .on(Transport.EVENT_PACKET, packet -> lastHeard = clock.instant()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Calls {@code listener} for each event named {@code eventName} (e.g. {@code messenger:message_update}) until
     * the returned subscription is closed.
     */
    public Subscription on(String eventName, RealtimeListener listener) {
        String name = Builders.nonBlank(eventName, "eventName");
        Objects.requireNonNull(listener, "listener");
        dispatcher.add(name, listener);
        return once(() -> dispatcher.remove(name, listener));
    }

    /** Tells {@code listener} of each connect, disconnect and failed attempt until the subscription is closed. */
    public Subscription onConnectionChange(ConnectionListener listener) {
        Objects.requireNonNull(listener, "listener");
        connectionListeners.add(listener);
        return once(() -> connectionListeners.remove(listener));
    }

    /** A subscription whose first close runs {@code remove}; later closes do nothing. */
    private static Subscription once(Runnable remove) {
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                remove.run();
            }
        };
    }

    /** Starts connecting (and, until connected, polling unread counts). Returns at once; idempotent. */
    public FrappeRealtimeClient connect() {
        if (closed.get()) {
            throw new IllegalStateException("client is closed");
        }
        if (started.compareAndSet(false, true)) {
            recovery.down(null);
            socket.connect();
        }
        return this;
    }

    public boolean isConnected() {
        return socket.connected();
    }

    private void onConnect() {
        Instant since = downSince;
        downSince = null;
        lastHeard = clock.instant();
        if (since != null) {
            log.info("Realtime socket {} reconnected after {} ms", target,
                    Duration.between(since, clock.instant()).toMillis());
        } else {
            log.info("Realtime socket {} connected", target);
        }
        failedAttempts = 0;
        lastError = null;
        recovery.up();
        connectionListeners.forEach(ConnectionListener::onConnect);
    }

    private void onDisconnect(String reason) {
        if (closed.get()) {
            return;
        }
        Instant heard = lastHeard == null ? clock.instant() : lastHeard;
        downSince = heard;
        log.warn("Realtime socket {} dropped ({}); reconnecting, and polling unread counts meanwhile", target,
                LogSafe.of(reason));
        recovery.down(LocalDateTime.ofInstant(heard, clock.getZone()));
        if ("io server disconnect".equals(reason)) {
            retryLater(); // socket.io-client does not reconnect when the server closed the socket on purpose
        }
        connectionListeners.forEach(l -> l.onDisconnect(reason));
    }

    private void onConnectError(Object error) {
        if (closed.get()) {
            return;
        }
        failedAttempts++;
        // A refusal by the server's middleware arrives as {"message": ...}; the manager does not retry it.
        boolean refused = error instanceof JSONObject;
        String message = refused ? ((JSONObject) error).optString("message", error.toString()) : describe(error);
        if (!message.equals(lastError)) {
            // One line, with the fix when the refusal is one of Frappe's; repeats of the same error go to debug.
            log.warn("Realtime socket {} could not connect: {} ({}; attempt {})", target,
                    refused ? hints.explain(message) : LogSafe.of(message),
                    refused ? "refused by the server, retrying" : "retrying with backoff", failedAttempts);
            lastError = message;
        } else {
            log.debug("Realtime socket {} could not connect: {} (attempt {})", target, LogSafe.of(message),
                    failedAttempts);
        }
        if (refused) {
            retryLater();
        }
        connectionListeners.forEach(l -> l.onConnectError(message));
    }

    private void retryLater() {
        recovery.later(() -> {
            if (!closed.get() && !socket.connected()) {
                socket.connect();
            }
        }, refusedBackoff.forAttempt(failedAttempts));
    }

    private static String describe(Object error) {
        if (error instanceof Throwable t) {
            String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            return t.getCause() == null ? text : text + ": " + t.getCause();
        }
        return String.valueOf(error);
    }

    /** Disconnects, stops polling and retries, and shuts down the HTTP client if the client made it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        socket.off();
        socket.offAnyIncoming();
        socket.close();
        recovery.close();
        awaitEventThread();
        if (ownedHttp != null) {
            ownedHttp.dispatcher().executorService().shutdown();
            ownedHttp.connectionPool().evictAll();
        }
    }

    /** socket.close() runs on the event thread; wait for it so the HTTP client is not shut under it. */
    private static void awaitEventThread() {
        CountDownLatch done = new CountDownLatch(1);
        io.socket.thread.EventThread.exec(done::countDown);
        try {
            done.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FrappeRealtimeClient[" + target + "]";
    }

    /**
     * Configures a {@link FrappeRealtimeClient}. Required: {@link #siteUrl}. Everything else has defaults that fit a
     * production site: the Socket.IO server at the site URL itself (nginx routes {@code /socket.io} to it), the site
     * name taken from the site URL's host. A development bench serves Socket.IO on its own port (9000): set
     * {@link #socketIoUrl} then. Each setter checks its value at once; a setting without a default is taken once.
     * Not thread-safe.
     */
    public static final class Builder {
        private @Nullable URI siteUrl;
        private @Nullable URI socketIoUrl;
        private @Nullable String siteName;
        private @Nullable String apiKey;
        private @Nullable String apiSecret;
        private @Nullable String sid;
        private String path = "/socket.io";
        private @Nullable OkHttpClient http;
        private @Nullable MessengerInbox inbox;
        private @Nullable UnreadCountSource unreadCountSource;
        private @Nullable ConversationResync conversationResync;
        private Duration reconnectDelay = Duration.ofSeconds(1);
        private Duration reconnectDelayMax = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(20);
        private Duration pollInterval = Duration.ofSeconds(30);
        private Clock clock = Clock.systemDefaultZone();
        private ObjectMapper mapper = new ObjectMapper();

        private Builder() {
        }

        /** The site's URL, e.g. {@code https://crm.example.com}; sent as the Origin header. */
        public Builder siteUrl(String siteUrl) {
            this.siteUrl = Builders.once(this.siteUrl, hostUri(siteUrl, "siteUrl", "https://crm.example.com"),
                    "siteUrl");
            return this;
        }

        /**
         * The Socket.IO server as scheme, host and port (any path is ignored: see {@link #path}); default: the site
         * URL itself, as behind a production site's nginx. A development bench: {@code http://<host>:9000} (its
         * socketio_port). Use the same host name as the site URL: the server compares Origin with Host.
         */
        public Builder socketIoUrl(String socketIoUrl) {
            this.socketIoUrl = Builders.once(this.socketIoUrl,
                    hostUri(socketIoUrl, "socketIoUrl", "http://host:9000"), "socketIoUrl");
            return this;
        }

        /** The site name: the namespace {@code /<site>} and the X-Frappe-Site-Name header. Default: the site's host. */
        public Builder siteName(String siteName) {
            this.siteName = Builders.once(this.siteName, Builders.nonBlank(siteName, "siteName"), "siteName");
            return this;
        }

        /** Authenticates as the API key's user ({@code Authorization: token key:secret}). */
        public Builder apiToken(String apiKey, String apiSecret) {
            Builders.nonBlank(apiKey, "apiToken's API key");
            Builders.nonBlank(apiSecret, "apiToken's API secret");
            this.apiKey = Builders.once(this.apiKey, apiKey, "apiToken");
            this.apiSecret = apiSecret;
            return this;
        }

        /**
         * A logged-in session's {@code sid} cookie, sent instead of the token-client cookie. Default: none; with
         * {@link #apiToken} the client then sends a cookie without {@code sid} so that every Frappe version
         * authenticates the token, and with neither it joins as Guest.
         */
        public Builder sid(String sid) {
            this.sid = Builders.once(this.sid, Builders.nonBlank(sid, "sid"), "sid");
            return this;
        }

        /** The Socket.IO path; default {@code /socket.io}. */
        public Builder path(String path) {
            if (!Builders.nonBlank(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', got " + path);
            }
            this.path = path;
            return this;
        }

        /**
         * An OkHttpClient to share (connection pool, dispatcher, TLS settings) with, e.g., the REST client. The
         * socket uses a derived client with a one-minute read timeout (a long-poll waits up to the server's ping
         * interval); {@link FrappeRealtimeClient#close()} leaves the shared client running.
         */
        public Builder okHttpClient(OkHttpClient http) {
            this.http = Builders.once(this.http, http, "okHttpClient");
            return this;
        }

        /** An inbox to keep current: it gets every {@code messenger:*} event, the polls and the resyncs. */
        public Builder inbox(MessengerInbox inbox) {
            this.inbox = Builders.once(this.inbox, inbox, "inbox");
            return this;
        }

        /** Polled while the socket is down, and read once after each reconnect. Needs an {@link #inbox}. */
        public Builder unreadCountSource(UnreadCountSource unreadCountSource) {
            this.unreadCountSource = Builders.once(this.unreadCountSource, unreadCountSource, "unreadCountSource");
            return this;
        }

        /** Asked after each reconnect for the conversations that changed meanwhile. Needs an {@link #inbox}. */
        public Builder conversationResync(ConversationResync conversationResync) {
            this.conversationResync = Builders.once(this.conversationResync, conversationResync,
                    "conversationResync");
            return this;
        }

        /**
         * The site's REST API as both recovery sources: the unread counts of Frappe CRM's Messenger page
         * ({@link #unreadCountSource}) and the conversations modified since the drop ({@link #conversationResync}).
         * Needs an {@link #inbox}; the same as setting both from {@code frappe}.
         */
        public Builder recoverFrom(FrappeClient frappe) {
            Objects.requireNonNull(frappe, "frappe");
            return unreadCountSource(new FrappeUnreadCounts(frappe))
                    .conversationResync(new FrappeConversationResync(frappe));
        }

        /** Reconnect delays: from {@code delay}, doubling (with jitter) up to {@code max}; default 1 s and 30 s. */
        public Builder reconnectDelay(Duration delay, Duration max) {
            Builders.positive(delay, "reconnectDelay");
            if (Builders.positive(max, "reconnectDelay's max").compareTo(delay) < 0) {
                throw new IllegalArgumentException("reconnectDelay's max " + max + " is below its delay " + delay);
            }
            this.reconnectDelay = delay;
            this.reconnectDelayMax = max;
            return this;
        }

        /** How long one connection attempt may take; default 20 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Builders.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How often unread counts are polled while the socket is down; default 30 s (the CRM page's old poll). */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Builders.positive(pollInterval, "pollInterval");
            return this;
        }

        /** The clock; its zone must be the site's time zone (resync times are Frappe date-times). Default: system. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The Jackson mapper that turns payloads into maps. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "objectMapper");
            return this;
        }

        /**
         * Creates the client, not yet connected: call {@link FrappeRealtimeClient#connect}. The builder is left as
         * it was (the site name taken from the host is the client's, not the builder's).
         */
        public FrappeRealtimeClient build() {
            URI site = Builders.required(siteUrl, "FrappeRealtimeClient", "siteUrl, e.g. https://crm.example.com");
            if (inbox == null && (unreadCountSource != null || conversationResync != null)) {
                throw new IllegalStateException("unreadCountSource and conversationResync need an inbox to update");
            }
            String name = siteName != null ? siteName : site.getHost();
            // The URI's path is the namespace; the HTTP path is the separate Socket.IO path option.
            URI base = socketIoUrl != null ? socketIoUrl : site;
            URI socketUri = URI.create(FrappeSocketOptions.origin(base) + "/" + name);
            boolean owned = http == null;
            OkHttpClient client = (owned ? new OkHttpClient.Builder() : http.newBuilder())
                    .readTimeout(Duration.ofMinutes(1))
                    .build();
            return new FrappeRealtimeClient(this, name, socketUri, client, owned);
        }

        private static URI hostUri(String value, String what, String example) {
            URI uri;
            try {
                uri = URI.create(Builders.nonBlank(value, what));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " must be like " + example + ", got " + value, e);
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(what + " must be like " + example + ", got " + value);
            }
            return uri;
        }
    }
}
