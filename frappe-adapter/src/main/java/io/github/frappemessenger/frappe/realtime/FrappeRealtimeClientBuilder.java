package io.github.frappemessenger.frappe.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.internal.realtime.ConversationResync;
import io.github.frappemessenger.frappe.internal.realtime.UnreadCountSource;
import io.github.frappemessenger.inbox.MessengerInbox;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Configures a {@link FrappeRealtimeClient}. Required: {@link #siteUrl}. Everything else has defaults that fit a
 * production site: the Socket.IO server at the site URL itself (nginx routes {@code /socket.io} to it), the site
 * name taken from the site URL's host. A development bench serves Socket.IO on its own port (9000): set
 * {@link #socketIoUrl} then.
 * Not thread-safe; build once.
 */
public final class FrappeRealtimeClientBuilder {
    URI siteUrl;
    URI socketIoUrl;
    String siteName;
    String apiKey;
    String apiSecret;
    String sid;
    String path = "/socket.io";
    OkHttpClient http;
    MessengerInbox inbox;
    UnreadCountSource unreadCountSource;
    ConversationResync conversationResync;
    Duration reconnectDelay = Duration.ofSeconds(1);
    Duration reconnectDelayMax = Duration.ofSeconds(30);
    Duration connectTimeout = Duration.ofSeconds(20);
    Duration pollInterval = Duration.ofSeconds(30);
    Clock clock = Clock.systemDefaultZone();
    ObjectMapper mapper = new ObjectMapper();

    FrappeRealtimeClientBuilder() {
    }

    /** The site's URL, e.g. {@code https://crm.example.com}; sent as the Origin header. */
    public FrappeRealtimeClientBuilder siteUrl(String siteUrl) {
        this.siteUrl = URI.create(siteUrl);
        return this;
    }

    /**
     * The Socket.IO server as scheme, host and port (any path is ignored: see {@link #path}); default: the site URL
     * itself, as behind a production site's nginx. A development bench: {@code http://<host>:9000} (its
     * socketio_port). Use the same host name as the site URL: the server compares Origin with Host.
     */
    public FrappeRealtimeClientBuilder socketIoUrl(String socketIoUrl) {
        this.socketIoUrl = URI.create(socketIoUrl);
        return this;
    }

    /** The site name: the namespace {@code /<site>} and the X-Frappe-Site-Name header. Default: the site's host. */
    public FrappeRealtimeClientBuilder siteName(String siteName) {
        this.siteName = siteName;
        return this;
    }

    /** Authenticates as the API key's user ({@code Authorization: token key:secret}). */
    public FrappeRealtimeClientBuilder apiToken(String apiKey, String apiSecret) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        return this;
    }

    /**
     * A logged-in session's {@code sid} cookie, sent instead of the token-client cookie. Default: none; with
     * {@link #apiToken} the client then sends a cookie without {@code sid} so that every Frappe version
     * authenticates the token, and with neither it joins as Guest.
     */
    public FrappeRealtimeClientBuilder sid(String sid) {
        this.sid = sid;
        return this;
    }

    /** The Socket.IO path; default {@code /socket.io}. */
    public FrappeRealtimeClientBuilder path(String path) {
        this.path = path;
        return this;
    }

    /**
     * An OkHttpClient to share (connection pool, dispatcher, TLS settings) with, e.g., the REST client. The socket
     * uses a derived client with a one-minute read timeout (a long-poll waits up to the server's ping interval);
     * {@link FrappeRealtimeClient#close()} leaves the shared client running.
     */
    public FrappeRealtimeClientBuilder okHttpClient(OkHttpClient http) {
        this.http = http;
        return this;
    }

    /** An inbox to keep current: it gets every {@code messenger:*} event, the polls and the resyncs. */
    public FrappeRealtimeClientBuilder inbox(MessengerInbox inbox) {
        this.inbox = inbox;
        return this;
    }

    /** Polled while the socket is down, and read once after each reconnect. Needs an {@link #inbox}. */
    public FrappeRealtimeClientBuilder unreadCountSource(UnreadCountSource unreadCountSource) {
        this.unreadCountSource = unreadCountSource;
        return this;
    }

    /** Asked after each reconnect for the conversations that changed meanwhile. Needs an {@link #inbox}. */
    public FrappeRealtimeClientBuilder conversationResync(ConversationResync conversationResync) {
        this.conversationResync = conversationResync;
        return this;
    }

    /** Reconnect delays: from {@code delay}, doubling (with jitter) up to {@code max}; default 1 s and 30 s. */
    public FrappeRealtimeClientBuilder reconnectDelay(Duration delay, Duration max) {
        this.reconnectDelay = delay;
        this.reconnectDelayMax = max;
        return this;
    }

    /** How long one connection attempt may take; default 20 s. */
    public FrappeRealtimeClientBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    /** How often unread counts are polled while the socket is down; default 30 s (the CRM page's old poll). */
    public FrappeRealtimeClientBuilder pollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
        return this;
    }

    /** The clock; its zone must be the site's time zone (resync times are Frappe date-times). Default: system. */
    public FrappeRealtimeClientBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The Jackson mapper that turns payloads into maps. */
    public FrappeRealtimeClientBuilder objectMapper(ObjectMapper mapper) {
        this.mapper = mapper;
        return this;
    }

    /** Validates the settings and creates the client, not yet connected: call {@link FrappeRealtimeClient#connect}. */
    public FrappeRealtimeClient build() {
        if (siteUrl == null || siteUrl.getScheme() == null || siteUrl.getHost() == null) {
            throw new IllegalArgumentException("siteUrl is required, e.g. https://crm.example.com; got " + siteUrl);
        }
        if ((apiKey == null) != (apiSecret == null) || (apiKey != null && (apiKey.isBlank() || apiSecret.isBlank()))) {
            throw new IllegalArgumentException("apiToken needs both an API key and an API secret");
        }
        if (inbox == null && (unreadCountSource != null || conversationResync != null)) {
            throw new IllegalArgumentException("unreadCountSource and conversationResync need an inbox to update");
        }
        for (Duration d : new Duration[] {reconnectDelay, reconnectDelayMax, connectTimeout, pollInterval}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(mapper, "objectMapper");
        String site = siteName == null || siteName.isBlank() ? siteUrl.getHost() : siteName;
        siteName = site;
        // The URI's path is the namespace; the HTTP path is the separate Socket.IO path option.
        URI base = socketIoUrl != null ? socketIoUrl : siteUrl;
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("socketIoUrl must be like http://host:9000, got " + base);
        }
        URI socketUri = URI.create(FrappeSocketOptions.origin(base) + "/" + site);
        boolean owned = http == null;
        OkHttpClient client = (owned ? new OkHttpClient.Builder() : http.newBuilder())
                .readTimeout(Duration.ofMinutes(1))
                .build();
        return new FrappeRealtimeClient(this, socketUri, client, owned);
    }
}
