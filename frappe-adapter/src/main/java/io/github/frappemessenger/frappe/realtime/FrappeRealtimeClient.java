package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.internal.Backoff;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.json.JSONObject;
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
    private final InboxRecovery recovery;
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

    FrappeRealtimeClient(FrappeRealtimeClientBuilder b, URI socketUri, OkHttpClient http, boolean httpOwned) {
        this.target = socketUri.toString();
        this.clock = b.clock;
        this.ownedHttp = httpOwned ? http : null;
        this.refusedBackoff = new Backoff(b.reconnectDelay, b.reconnectDelayMax, false);
        this.hints = new RefusalHints(b.siteUrl, socketUri, b.siteName);
        this.dispatcher = new EventDispatcher(b.mapper, b.inbox);
        this.recovery = new InboxRecovery(b.inbox, b.unreadCountSource, b.conversationResync, b.pollInterval,
                b.siteName);
        IO.Options options = FrappeSocketOptions.options(
                FrappeSocketOptions.headers(b.siteUrl, b.siteName, b.sid, b.apiKey, b.apiSecret),
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

    public static FrappeRealtimeClientBuilder builder() {
        return new FrappeRealtimeClientBuilder();
    }

    /** Calls {@code listener} for each event named {@code eventName} (e.g. {@code messenger:message_update}). */
    public FrappeRealtimeClient on(String eventName, RealtimeListener listener) {
        dispatcher.add(eventName, listener);
        return this;
    }

    public FrappeRealtimeClient off(String eventName, RealtimeListener listener) {
        dispatcher.remove(eventName, listener);
        return this;
    }

    public FrappeRealtimeClient onConnectionChange(ConnectionListener listener) {
        connectionListeners.add(listener);
        return this;
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
}
