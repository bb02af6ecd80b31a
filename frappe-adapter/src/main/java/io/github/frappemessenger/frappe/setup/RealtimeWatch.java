package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.realtime.ConnectionListener;
import io.github.frappemessenger.frappe.realtime.FrappeRealtimeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A socket to the site's realtime server, opened as the JVM client opens it (same Origin, Cookie, Authorization and
 * site-name headers, same namespace): says whether the server let it in, or the refusal it gave, and then keeps the
 * names of the messages it hears in {@code messenger:message_update}, so that the probe can be seen arriving where a
 * browser would hear it. Thread-safe; closes the socket on {@link #close}.
 */
final class RealtimeWatch implements AutoCloseable {
    static final String NAME = "realtime server";
    private final FrappeRealtimeClient client;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicReference<String> refusal = new AtomicReference<>();
    private final List<String> heard = new ArrayList<>();

    /** {@code socketIoUrl} may be null: the client's default. Throws IllegalArgumentException on unusable settings. */
    RealtimeWatch(String siteUrl, String socketIoUrl, String siteName, String apiKey, String apiSecret,
                  Duration timeout) {
        var builder = FrappeRealtimeClient.builder().siteUrl(siteUrl).siteName(siteName).apiToken(apiKey, apiSecret)
                .connectTimeout(timeout);
        if (socketIoUrl != null) {
            builder.socketIoUrl(socketIoUrl);
        }
        client = builder.build();
        client.onConnectionChange(new ConnectionListener() {
            @Override
            public void onConnect() {
                connected.countDown();
            }

            @Override
            public void onConnectError(String message) {
                refusal.set(message);
            }
        });
        client.on("messenger:message_update", (event, payload) -> {
            Object message = payload.get("message");
            synchronized (heard) {
                heard.add(message instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "");
            }
        });
    }

    /** Connects and waits up to {@code timeout} for the server to let the socket in. */
    Check connect(String siteName, Duration timeout) throws InterruptedException {
        client.connect();
        String where = client.toString();
        if (connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Check.ready(NAME, "joined namespace /" + siteName + " with the token (" + where + ")");
        }
        String why = refusal.get();
        return Check.notReady(NAME, (why == null ? "no answer within " + timeout.toSeconds() + " s" : "refused: " + why)
                + " (" + where + "); production sites serve Socket.IO on the site URL itself (the default), a"
                + " development bench on :9000 (FRAPPE_SOCKETIO_URL=http://<host>:9000)");
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** How many messenger:message_update events for this message name the socket heard. */
    int heard(String messageName) {
        synchronized (heard) {
            return (int) heard.stream().filter(messageName::equals).count();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
