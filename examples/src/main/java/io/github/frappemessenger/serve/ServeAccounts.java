package io.github.frappemessenger.serve;

import io.github.frappemessenger.socketio.Authenticator;
import io.github.frappemessenger.socketio.Credentials;
import io.github.frappemessenger.socketio.Principal;
import io.github.frappemessenger.socketio.TokenAuthenticator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use {@code serve}: desk users by API token ({@code MESSENGER_TOKENS}), and the browser sessions they
 * opened with {@code POST /api/login} (cookie {@code sid}, as Frappe's). Sessions live as long as the process.
 * Thread-safe.
 */
final class ServeAccounts implements Authenticator {
    private static final int MAX_SESSIONS = 10_000;

    private final TokenAuthenticator tokens;
    private final Map<String, Principal> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    ServeAccounts(TokenAuthenticator tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<Principal> authenticate(Credentials c) {
        if (c.hasToken()) {
            return tokens.authenticate(c);
        }
        if (c.sid() == null) {
            return Optional.empty();
        }
        Principal session = sessions.get(c.sid());
        return session != null ? Optional.of(session) : tokens.authenticate(c);
    }

    /** Opens a session for the holder of that token; empty when the token is not known. */
    Optional<String> login(String keyAndSecret) {
        int colon = keyAndSecret == null ? -1 : keyAndSecret.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        Optional<Principal> who = tokens.authenticate(new Credentials(keyAndSecret.substring(0, colon),
                keyAndSecret.substring(colon + 1), null));
        if (who.isEmpty()) {
            return Optional.empty();
        }
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.clear();
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(sid, who.get());
        return Optional.of(sid);
    }

    void logout(String sid) {
        if (sid != null) {
            sessions.remove(sid);
        }
    }
}
