package io.github.frappemessenger.frappe.realtime;

import io.socket.client.IO;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The Socket.IO options that get a JVM client past Frappe's realtime server (docs/protocol.md, "Connecting to the
 * realtime server"): the headers a browser would send, plus a token, and reconnection that never gives up.
 */
final class FrappeSocketOptions {
    /**
     * The cookie a token client sends. Frappe's server refuses a handshake without any Cookie header, and servers
     * that look at the session cookie before the token (Frappe v15 before its March 2025 backport) would take a
     * {@code sid} cookie, even {@code sid=Guest}, over the token and join the socket as Guest. A cookie without
     * {@code sid} satisfies the first rule and leaves the token to decide on every version. Browsers of desk
     * users carry this very cookie.
     */
    static final String TOKEN_CLIENT_COOKIE = "system_user=yes";

    private FrappeSocketOptions() {
    }

    /**
     * The headers of every handshake request: Origin (the site), a Cookie, the token when there is one, and the
     * site name. The Cookie carries the session's {@code sid} when there is one; with a token and no session, a
     * harmless cookie without {@code sid}; with neither, {@code sid=Guest} (a guest socket: room {@code website}).
     */
    static Map<String, List<String>> headers(URI siteUrl, String siteName, String sid, String apiKey,
                                              String apiSecret) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Origin", List.of(origin(siteUrl)));
        String cookie = sid != null ? "sid=" + sid : apiKey != null ? TOKEN_CLIENT_COOKIE : "sid=Guest";
        headers.put("Cookie", List.of(cookie));
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
                              Duration reconnectDelay, Duration reconnectDelayMax, Duration connectTimeout,
                              Map<String, String> auth) {
        IO.Options o = new IO.Options();
        // Read again on every connect: the stream position to resume from (ResumePosition).
        o.auth = auth;
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
