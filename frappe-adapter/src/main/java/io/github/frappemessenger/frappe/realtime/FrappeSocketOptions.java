package io.github.frappemessenger.frappe.realtime;

import io.socket.client.IO;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The Socket.IO options that get a JVM client past Frappe's realtime server (frappe-protocol.md §2): the headers a
 * browser would send, plus a token, and reconnection that never gives up.
 */
final class FrappeSocketOptions {
    private FrappeSocketOptions() {
    }

    /**
     * The headers of every handshake request. Frappe refuses a socket without a Cookie header even when it
     * authenticates by token, so a token client sends {@code sid=Guest}.
     */
    static Map<String, List<String>> headers(URI siteUrl, String siteName, String sid, String apiKey,
                                              String apiSecret) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Origin", List.of(origin(siteUrl)));
        headers.put("Cookie", List.of("sid=" + (sid == null ? "Guest" : sid)));
        if (apiKey != null) {
            headers.put("Authorization", List.of("token " + apiKey + ":" + apiSecret));
        }
        headers.put("X-Frappe-Site-Name", List.of(siteName));
        return headers;
    }

    /** {@code scheme://host[:port]} of the site, as a browser's Origin header. */
    static String origin(URI siteUrl) {
        return siteUrl.getScheme() + "://" + siteUrl.getHost() + (siteUrl.getPort() < 0 ? "" : ":" + siteUrl.getPort());
    }

    static IO.Options options(Map<String, List<String>> headers, OkHttpClient http, String path,
                              Duration reconnectDelay, Duration reconnectDelayMax, Duration connectTimeout) {
        IO.Options o = new IO.Options();
        // IO caches one Manager per URL unless forceNew: two clients of one site (say, two users) would share the
        // first one's headers.
        o.forceNew = true;
        o.reconnection = true;
        o.reconnectionAttempts = Integer.MAX_VALUE;
        o.reconnectionDelay = reconnectDelay.toMillis();
        o.reconnectionDelayMax = reconnectDelayMax.toMillis();
        o.randomizationFactor = 0.5;
        o.timeout = connectTimeout.toMillis();
        o.path = path;
        o.extraHeaders = headers;
        o.callFactory = http;
        o.webSocketFactory = new CloseAnsweringWebSocketFactory(http);
        return o;
    }
}
