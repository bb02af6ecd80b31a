package io.github.frappemessenger.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.RoleMembers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignedRoomsTest {
    private final RoleMembers members = role -> switch (role) {
        case "Sales Manager" -> Set.of("boss@x.com");
        case "Sales User" -> Set.of("a@x.com", "b@x.com");
        default -> Set.of();
    };

    private static MessengerConversation assignedTo(Object assign) {
        return MessengerConversation.start("CONV-1", "Messenger", "42")
                .mergedWith(assign == null ? Map.of() : Map.of("_assign", assign));
    }

    @Test
    void anAssignedConversationGoesToItsAssigneesAndManagersOnly() {
        RoomPolicy policy = RoomPolicy.assigned(members).managerRole("Sales Manager").build();
        assertEquals(List.of(Room.user("a@x.com"), Room.user("boss@x.com")),
                policy.roomsOf(assignedTo("[\"a@x.com\"]")));
        assertEquals(List.of(Room.user("a@x.com"), Room.user("c@x.com"), Room.user("boss@x.com")),
                policy.roomsOf(assignedTo(List.of("a@x.com", "c@x.com"))), "a list as well as Frappe's JSON text");
    }

    @Test
    void anUnassignedConversationGoesToAllOrToTheConfiguredRole() {
        assertEquals(List.of(Room.all()), RoomPolicy.assigned(members).build().roomsOf(assignedTo(null)));
        assertEquals(List.of(Room.all()), RoomPolicy.assigned(members).build().roomsOf(assignedTo("[]")));
        List<Room> rooms = RoomPolicy.assigned(members).unassignedRole("Sales User").managerRole("Sales Manager")
                .build().roomsOf(assignedTo(""));
        assertEquals(Set.of(Room.user("a@x.com"), Room.user("b@x.com"), Room.user("boss@x.com")), Set.copyOf(rooms));
    }

    @Test
    void anUnreadableAssignIsUnassignedAndNoPolicyNamesWebsite() {
        assertEquals(List.of(Room.all()), RoomPolicy.assigned(members).build().roomsOf(assignedTo("not json")));
        assertThrows(IllegalArgumentException.class, () -> RoomPolicy.fixed(new Room("website")));
        assertThrows(IllegalStateException.class,
                () -> RoomPolicy.assigned(members).managerRole("A").managerRole("B"));
    }
}
