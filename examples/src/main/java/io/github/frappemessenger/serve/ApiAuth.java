package io.github.frappemessenger.serve;

import io.github.frappemessenger.socketio.Credentials;
import io.github.frappemessenger.socketio.HttpCall;
import io.github.frappemessenger.socketio.Principal;
import java.net.URI;
import java.util.Optional;

/** How an API call says who it is (a token header or the session cookie), and the cookie's own rules. */
final class ApiAuth {
    private ApiAuth() {
    }

    static Optional<Principal> principal(HttpCall call, ServeAccounts accounts) {
        String authorization = call.header("Authorization");
        String sid = sid(call);
        if (authorization != null && authorization.regionMatches(true, 0, "token ", 0, 6)) {
            String token = authorization.substring(6).strip();
            int colon = token.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return accounts.authenticate(new Credentials(token.substring(0, colon), token.substring(colon + 1), sid));
        }
        return sid == null ? Optional.empty() : accounts.authenticate(new Credentials(null, null, sid));
    }

    static String sid(HttpCall call) {
        String cookies = call.header("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String part : cookies.split(";")) {
            String p = part.strip();
            if (p.startsWith("sid=") && p.length() > 4) {
                return p.substring(4);
            }
        }
        return null;
    }

    /** A browser's POST names its Origin; it must be this server (the session cookie is SameSite=Strict too). */
    static boolean sameOrigin(HttpCall call) {
        String origin = call.header("Origin");
        String host = call.header("Host");
        if (origin == null) {
            return true;
        }
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String sessionCookie(String sid) {
        return "sid=" + sid + "; Path=/; HttpOnly; SameSite=Strict";
    }

    static String clearCookie() {
        return "sid=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    }
}
