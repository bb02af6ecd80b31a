package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.realtime.ConnectionListener;
import io.github.frappemessenger.frappe.realtime.FrappeRealtimeClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connects to the site's realtime server as the JVM client does (same Origin, Cookie, Authorization and site-name
 * headers, same namespace) and reports whether the server let the socket in, or the refusal it gave.
 */
final class RealtimeReach {
    private RealtimeReach() {
    }

    /** {@code socketIoUrl} may be null: the client's default. */
    static Check of(String siteUrl, String socketIoUrl, String siteName, String apiKey, String apiSecret,
                    Duration timeout) throws InterruptedException {
        String name = "realtime server";
        CountDownLatch connected = new CountDownLatch(1);
        AtomicReference<String> refusal = new AtomicReference<>();
        var builder = FrappeRealtimeClient.builder().siteUrl(siteUrl).siteName(siteName).apiToken(apiKey, apiSecret)
                .connectTimeout(timeout);
        if (socketIoUrl != null) {
            builder.socketIoUrl(socketIoUrl);
        }
        try (FrappeRealtimeClient client = builder.build()) {
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
            client.connect();
            String where = client.toString();
            if (connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Check.ready(name, "joined namespace /" + siteName + " with the token (" + where + ")");
            }
            String why = refusal.get();
            return Check.notReady(name, (why == null ? "no answer within " + timeout.toSeconds() + " s" : "refused: "
                    + why) + " (" + where + "); production sites serve Socket.IO on the site URL itself (set"
                    + " FRAPPE_SOCKETIO_URL to it), a development bench on :9000");
        } catch (IllegalArgumentException e) {
            return Check.failed(name, e.getMessage());
        }
    }
}
