package io.github.frappemessenger.socketio;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Frappe's realtime server's checks on a new socket, in Frappe's order and with Frappe's refusal messages: the
 * namespace must be the site, the Origin's host must be the Host's, a cookie or a token must be sent, and the
 * authenticator must know the caller. Immutable and thread-safe.
 */
final class ConnectionRules {
    static final String INVALID_NAMESPACE = "Invalid namespace";
    static final String INVALID_ORIGIN = "Invalid origin";
    static final String NO_COOKIE = "No cookie transmitted.";
    static final String NO_AUTH = "No authentication method used. Use cookie or authorization header.";
    static final String UNAUTHORIZED = "Unauthorized";

    /** The outcome: a principal, or the message the client's {@code connect_error} carries. */
    record Admission(Principal principal, String refusal) {
        static Admission refused(String why) {
            return new Admission(null, why);
        }

        boolean admitted() {
            return principal != null;
        }
    }

    private final String site;
    private final Authenticator authenticator;

    ConnectionRules(String site, Authenticator authenticator) {
        this.site = site;
        this.authenticator = authenticator;
    }

    Admission admit(String namespace, HttpHeaders headers) {
        String host = hostname(headers.get("Host"));
        String originHost = originHost(headers.get("Origin"));
        if (!("/" + siteOf(headers, host, originHost)).equals(namespace)) {
            return Admission.refused(INVALID_NAMESPACE);
        }
        if (originHost == null || !originHost.equals(host)) {
            return Admission.refused(INVALID_ORIGIN);
        }
        String cookieHeader = headers.get("Cookie");
        String authorization = headers.get("Authorization");
        // Frappe (since late 2025) also takes a token without any cookie.
        if (cookieHeader == null && authorization == null) {
            return Admission.refused(NO_COOKIE);
        }
        String sid = sid(cookieHeader);
        if (sid == null && authorization == null) {
            return Admission.refused(NO_AUTH);
        }
        Credentials credentials = credentials(authorization, sid);
        Optional<Principal> who;
        try {
            who = authenticator.authenticate(credentials);
        } catch (RuntimeException e) {
            return Admission.refused(UNAUTHORIZED);
        }
        return who.map(p -> new Admission(p, null)).orElseGet(() -> Admission.refused(UNAUTHORIZED));
    }

    /** The site a request names: X-Frappe-Site-Name, else (on localhost) ours, else the Origin's, else the Host's. */
    private String siteOf(HttpHeaders headers, String host, String originHost) {
        String named = headers.get("X-Frappe-Site-Name");
        if (named != null && !named.isBlank()) {
            return named.strip();
        }
        if (host == null || host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")) {
            return site;
        }
        return originHost != null ? originHost : host;
    }

    private static String originHost(String origin) {
        if (origin == null) {
            return null;
        }
        try {
            return hostname(URI.create(origin.strip()).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Credentials credentials(String authorization, String sid) {
        if (authorization != null && authorization.regionMatches(true, 0, "token ", 0, 6)) {
            String token = authorization.substring(6).strip();
            int colon = token.indexOf(':');
            if (colon > 0) {
                return new Credentials(token.substring(0, colon), token.substring(colon + 1), sid);
            }
        }
        return new Credentials(null, null, sid);
    }

    static String sid(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (Cookie c : ServerCookieDecoder.LAX.decode(cookieHeader)) {
            if (c.name().equals("sid") && !c.value().isEmpty()) {
                return c.value();
            }
        }
        return null;
    }

    /** The host name of {@code host[:port]} (lower case, port dropped, IPv6 kept in brackets). */
    static String hostname(String authority) {
        if (authority == null || authority.isBlank()) {
            return null;
        }
        String a = authority.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(0, end + 1);
        }
        int colon = a.indexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }
}
