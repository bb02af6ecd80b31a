package io.github.frappemessenger.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.RoleMembers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code assigned} room policy: a conversation's events go to {@code user:<id>} of each of its assignees
 * (Frappe's {@code _assign} on the conversation: a JSON list of user ids, kept by "Assign To") and of each holder of
 * the manager role. An unassigned conversation goes to the holders of the unassigned role, or to room {@code all}
 * when no such role is set (the default). Thread-safe when its {@link RoleMembers} is.
 */
public final class AssignedRooms implements RoomPolicy {
    /** Frappe's field of a doc's assignees. */
    public static final String ASSIGN_FIELD = "_assign";
    private static final Logger log = LoggerFactory.getLogger(AssignedRooms.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RoleMembers members;
    private final String managerRole;
    private final String unassignedRole;

    private AssignedRooms(Builder b) {
        this.members = b.members;
        this.managerRole = b.managerRole;
        this.unassignedRole = b.unassignedRole;
    }

    static Builder builder(RoleMembers members) {
        return new Builder(members);
    }

    @Override
    public List<Room> roomsOf(MessengerConversation conversation) {
        Set<String> users = new LinkedHashSet<>(assignees(conversation));
        boolean unassigned = users.isEmpty();
        if (unassigned && unassignedRole == null) {
            return List.of(Room.all());
        }
        if (unassigned) {
            users.addAll(members.usersWithRole(unassignedRole));
        }
        if (managerRole != null) {
            users.addAll(members.usersWithRole(managerRole));
        }
        List<Room> rooms = new ArrayList<>(users.size());
        for (String user : users) {
            if (user != null && !user.isBlank()) {
                rooms.add(Room.user(user));
            }
        }
        return rooms;
    }

    /** The user ids in the conversation's {@code _assign}: a JSON text (as Frappe stores it) or a list. */
    public static List<String> assignees(MessengerConversation conversation) {
        Object value = conversation.extra().get(ASSIGN_FIELD);
        if (value instanceof Collection<?> list) {
            return list.stream().filter(Objects::nonNull).map(Object::toString).toList();
        }
        if (value == null || value.toString().isBlank()) {
            return List.of();
        }
        try {
            String[] ids = MAPPER.readValue(value.toString(), String[].class);
            return ids == null ? List.of() : List.of(ids).stream().filter(Objects::nonNull).toList();
        } catch (JsonProcessingException e) {
            log.warn("Messenger Conversation {} has an unreadable _assign; treating it as unassigned",
                    conversation.name());
            return List.of();
        }
    }

    /** Configures an {@link AssignedRooms}; each setting once. */
    public static final class Builder {
        private final RoleMembers members;
        private String managerRole;
        private String unassignedRole;

        private Builder(RoleMembers members) {
            this.members = Objects.requireNonNull(members, "roleMembers");
        }

        /** Holders of this role hear every conversation (e.g. "Sales Manager"). */
        public Builder managerRole(String role) {
            this.managerRole = role(role, managerRole, "managerRole");
            return this;
        }

        /** Holders of this role hear unassigned conversations; without it those go to room {@code all}. */
        public Builder unassignedRole(String role) {
            this.unassignedRole = role(role, unassignedRole, "unassignedRole");
            return this;
        }

        public AssignedRooms build() {
            return new AssignedRooms(this);
        }

        private static String role(String role, String current, String what) {
            if (current != null) {
                throw new IllegalStateException(what + " is already set");
            }
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return role.strip();
        }
    }
}
