package io.github.frappemessenger.socketio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Desk users known by API token ({@code key:secret}), compared in constant time. A request with cookie
 * {@code sid=Guest} and no token is the guest; any other session is refused (sessions need an authenticator that
 * knows them). Immutable and thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {
    private record Token(String user, byte[] secret) {
    }

    private final Map<String, Token> byKey;

    private TokenAuthenticator(Map<String, Token> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /**
     * Parses {@code user=key:secret,user2=key2:secret2} (the form of {@code MESSENGER_TOKENS}).
     *
     * @throws IllegalArgumentException naming the entry that is not {@code user=key:secret}
     */
    public static TokenAuthenticator parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        Map<String, String> users = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("token entry '" + shown(e) + "' is not user=key:secret");
            }
            users.put(e.substring(0, eq).strip(), e.substring(eq + 1).strip());
        }
        return of(users);
    }

    /** From user to {@code key:secret}. */
    public static TokenAuthenticator of(Map<String, String> tokensByUser) {
        Map<String, Token> byKey = new LinkedHashMap<>();
        tokensByUser.forEach((user, token) -> {
            int colon = token.indexOf(':');
            if (user.isBlank() || colon <= 0 || colon == token.length() - 1) {
                throw new IllegalArgumentException("token of '" + user + "' is not key:secret");
            }
            String key = token.substring(0, colon);
            if (byKey.put(key, new Token(user, token.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) != null) {
                throw new IllegalArgumentException("API key '" + key + "' is given twice");
            }
        });
        if (byKey.isEmpty()) {
            throw new IllegalArgumentException("no tokens given");
        }
        return new TokenAuthenticator(byKey);
    }

    @Override
    public Optional<Principal> authenticate(Credentials c) {
        if (c.hasToken()) {
            Token t = byKey.get(c.apiKey());
            byte[] offered = c.apiSecret().getBytes(StandardCharsets.UTF_8);
            // Compare even for an unknown key, so that timing does not tell which keys exist.
            boolean equal = MessageDigest.isEqual(t == null ? new byte[offered.length + 1] : t.secret(), offered);
            return t != null && equal ? Optional.of(Principal.deskUser(t.user())) : Optional.empty();
        }
        return Principal.GUEST.user().equals(c.sid()) ? Optional.of(Principal.GUEST) : Optional.empty();
    }

    /** The users, for an announcement (never the secrets). */
    public java.util.List<String> users() {
        return byKey.values().stream().map(Token::user).distinct().toList();
    }

    private static String shown(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? "(no '=')" : entry.substring(0, eq) + "=***";
    }
}
