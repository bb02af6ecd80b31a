package io.github.frappemessenger.socketio;

import java.util.Objects;

/**
 * Who a socket belongs to, as Frappe's {@code get_user_info} answers: the user id and whether the user is a desk
 * user (a System User, who joins room {@code all}). The guest is {@link #GUEST}, who joins {@code website} only.
 */
public record Principal(String user, boolean deskUser) {
    /** Frappe's guest: no desk, no user room of its own. */
    public static final Principal GUEST = new Principal("Guest", false);

    public Principal {
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
    }

    public static Principal deskUser(String user) {
        return new Principal(user, true);
    }

    public boolean isGuest() {
        return user.equals(GUEST.user);
    }
}
