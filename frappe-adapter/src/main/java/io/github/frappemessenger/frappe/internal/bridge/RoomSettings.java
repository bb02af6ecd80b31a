package io.github.frappemessenger.frappe.internal.bridge;

import io.github.frappemessenger.event.AssignedRooms;
import io.github.frappemessenger.event.RoomPolicy;
import io.github.frappemessenger.port.RoleMembers;
import java.util.Optional;

/**
 * The bridge's room policy, from {@code MESSENGER_ROOMS} ({@code all}, the default, or {@code assigned}),
 * {@code MESSENGER_MANAGER_ROLE} (holders hear every conversation) and {@code MESSENGER_UNASSIGNED_ROLE} (holders
 * hear unassigned conversations; without it those go to room {@code all}). The roles matter with {@code assigned}
 * only. docs/events.md, "Rooms".
 */
public record RoomSettings(boolean assigned, Optional<String> managerRole, Optional<String> unassignedRole) {
    public static final String ROOMS = "MESSENGER_ROOMS";
    public static final String MANAGER_ROLE = "MESSENGER_MANAGER_ROLE";
    public static final String UNASSIGNED_ROLE = "MESSENGER_UNASSIGNED_ROLE";

    /** Room {@code all} for everything: Frappe CRM's behaviour. */
    public static RoomSettings all() {
        return new RoomSettings(false, Optional.empty(), Optional.empty());
    }

    /** Reads the three variables; a {@code MESSENGER_ROOMS} other than {@code all}/{@code assigned} is a problem. */
    public static RoomSettings fromEnvironment(EnvironmentSettings env) {
        String mode = env.optional(ROOMS).orElse("all");
        if (!mode.equals("all") && !mode.equals("assigned")) {
            env.problem(ROOMS, "must be 'all' or 'assigned', got '" + mode + "'");
        }
        return new RoomSettings(mode.equals("assigned"), env.optional(MANAGER_ROLE), env.optional(UNASSIGNED_ROLE));
    }

    /** The policy, reading role members from {@code members}. */
    public RoomPolicy policy(RoleMembers members) {
        if (!assigned) {
            return RoomPolicy.all();
        }
        AssignedRooms.Builder b = RoomPolicy.assigned(members);
        managerRole.ifPresent(b::managerRole);
        unassignedRole.ifPresent(b::unassignedRole);
        return b.build();
    }

    @Override
    public String toString() {
        return assigned ? "assigned" + managerRole.map(r -> ", managers: " + r).orElse("")
                + unassignedRole.map(r -> ", unassigned to: " + r).orElse(", unassigned to: all") : "all";
    }
}
