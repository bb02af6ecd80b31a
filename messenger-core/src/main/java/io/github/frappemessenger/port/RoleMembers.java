package io.github.frappemessenger.port;

import java.util.Set;

/**
 * The users holding a role on the site (Frappe's Has Role rows of enabled users), for the {@code assigned} room
 * policy. Implementations are thread-safe and may cache for a short while.
 */
@FunctionalInterface
public interface RoleMembers {

    /** The user ids (e.g. {@code manager@example.com}) holding {@code role}; empty when none. */
    Set<String> usersWithRole(String role);
}
