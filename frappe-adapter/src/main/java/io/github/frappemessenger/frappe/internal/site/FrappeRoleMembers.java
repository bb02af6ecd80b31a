package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.port.RoleMembers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users holding a role, read over REST: {@code frappe.client.get_list} of the child table Has Role under User
 * ({@code fields ["parent"], filters [["role", "=", <role>], ["parenttype", "=", "User"]]}), cached per role for a
 * short while (30 s by default), so that a role granted in the desk reaches the events that late at most. A failed
 * read propagates (the webhook answers 503); a stale entry is not served past its TTL. Thread-safe.
 */
public final class FrappeRoleMembers implements RoleMembers {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    private record Cached(Set<String> users, Instant readAt) {
    }

    private final FrappeClient frappe;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> byRole = new ConcurrentHashMap<>();

    public FrappeRoleMembers(FrappeClient frappe, Duration ttl, Clock clock) {
        this.frappe = Objects.requireNonNull(frappe, "frappe");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Set<String> usersWithRole(String role) {
        Cached cached = byRole.get(role);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.readAt().plus(ttl))) {
            return cached.users();
        }
        Set<String> users = read(role);
        byRole.put(role, new Cached(users, now));
        return users;
    }

    private Set<String> read(String role) {
        Object rows = frappe.callMethod("frappe.client.get_list", Map.of(
                "doctype", "Has Role",
                "parent", "User",
                "fields", List.of("parent"),
                "filters", List.of(List.of("role", "=", role), List.of("parenttype", "=", "User")),
                "limit_page_length", 0));
        Set<String> users = new LinkedHashSet<>();
        if (rows instanceof List<?> list) {
            for (Object row : list) {
                if (row instanceof Map<?, ?> m && m.get("parent") != null) {
                    users.add(m.get("parent").toString());
                }
            }
        }
        return Set.copyOf(users);
    }
}
