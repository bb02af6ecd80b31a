package io.github.frappemessenger.frappe.realtime;

/**
 * Hears the state of a {@link FrappeRealtimeClient}'s connection, e.g. to show an "offline" banner. Called on the
 * Socket.IO client's event thread; do not block in it. Every method does nothing by default.
 */
public interface ConnectionListener {

    /** The socket joined the site's namespace (first connect or reconnect). */
    default void onConnect() {
    }

    /** The socket dropped; the client reconnects by itself. {@code reason} is Socket.IO's, e.g. "transport close". */
    default void onDisconnect(String reason) {
    }

    /**
     * A connection attempt failed: the server is unreachable, or it refused the socket with a message such as
     * {@code Invalid namespace}, {@code Invalid origin}, {@code No cookie transmitted.} or {@code Unauthorized}.
     * The client keeps retrying.
     */
    default void onConnectError(String message) {
    }
}
