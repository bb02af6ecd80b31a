package io.github.frappemessenger.socketio;

import java.util.Optional;

/**
 * Tells who offered some credentials: the server's stand-in for Frappe's {@code frappe.realtime.get_user_info}.
 * Implementations must be thread-safe and quick (they run on a network thread); an empty answer refuses the socket
 * with {@code Unauthorized}. A token wins over a session cookie, as in current Frappe versions.
 */
@FunctionalInterface
public interface Authenticator {

    Optional<Principal> authenticate(Credentials credentials);
}
