package io.github.frappemessenger.serve;

import io.github.frappemessenger.socketio.Authenticator;
import io.github.frappemessenger.socketio.Credentials;
import io.github.frappemessenger.socketio.Principal;
import io.github.frappemessenger.socketio.TokenAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use {@code serve}: desk users by API token ({@code MESSENGER_TOKENS}), and the browser sessions they open
 * with {@code POST /api/login} (cookie {@code sid}, as Frappe's). A session is signed, not stored: user, expiry and
 * an HMAC keyed from the token table, so it survives a restart of serve with the same tokens (a page reconnects
 * without signing in again) and dies with a change of them. Sessions last 12 hours; a logout is remembered until the
 * process ends. Thread-safe.
 */
final class ServeAccounts implements Authenticator {
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final TokenAuthenticator tokens;
    private final byte[] key;
    private final Clock clock;
    private final Set<String> loggedOut = ConcurrentHashMap.newKeySet();

    ServeAccounts(String tokenSpec, Clock clock) {
        this.tokens = TokenAuthenticator.parse(tokenSpec);
        this.key = sha256("messenger-serve-session\n" + tokenSpec);
        this.clock = clock;
    }

    @Override
    public Optional<Principal> authenticate(Credentials c) {
        if (c.hasToken()) {
            return tokens.authenticate(c);
        }
        if (c.sid() == null) {
            return Optional.empty();
        }
        Optional<Principal> session = session(c.sid());
        return session.isPresent() ? session : tokens.authenticate(c);
    }

    /** Opens a session for the holder of that token; empty when the token is not known. */
    Optional<String> login(String keyAndSecret) {
        int colon = keyAndSecret == null ? -1 : keyAndSecret.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return tokens.authenticate(new Credentials(keyAndSecret.substring(0, colon), keyAndSecret.substring(colon + 1),
                null)).map(p -> {
                    String body = B64.encodeToString(p.user().getBytes(StandardCharsets.UTF_8)) + "."
                            + clock.instant().plus(LIFETIME).getEpochSecond();
                    return body + "." + B64.encodeToString(hmac(body));
                });
    }

    void logout(String sid) {
        if (sid != null) {
            loggedOut.add(sid);
        }
    }

    private Optional<Principal> session(String sid) {
        int last = sid.lastIndexOf('.');
        int first = sid.indexOf('.');
        if (first <= 0 || last <= first || loggedOut.contains(sid)) {
            return Optional.empty();
        }
        String body = sid.substring(0, last);
        byte[] offered;
        try {
            offered = Base64.getUrlDecoder().decode(sid.substring(last + 1));
            if (!MessageDigest.isEqual(hmac(body), offered)
                    || Long.parseLong(sid.substring(first + 1, last)) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(Principal.deskUser(new String(Base64.getUrlDecoder().decode(sid.substring(0, first)),
                    StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
