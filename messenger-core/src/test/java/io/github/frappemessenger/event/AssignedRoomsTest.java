package io.github.frappemessenger.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThat(policy.roomsOf(assignedTo("[\"a@x.com\"]")))
                .isEqualTo(List.of(Room.user("a@x.com"), Room.user("boss@x.com")));
        assertThat(policy.roomsOf(assignedTo(List.of("a@x.com", "c@x.com"))))
                .as("a list as well as Frappe's JSON text")
                .isEqualTo(List.of(Room.user("a@x.com"), Room.user("c@x.com"), Room.user("boss@x.com")));
    }

    @Test
    void anUnassignedConversationGoesToAllOrToTheConfiguredRole() {
        assertThat(RoomPolicy.assigned(members).build().roomsOf(assignedTo(null))).isEqualTo(List.of(Room.all()));
        assertThat(RoomPolicy.assigned(members).build().roomsOf(assignedTo("[]"))).isEqualTo(List.of(Room.all()));
        List<Room> rooms = RoomPolicy.assigned(members).unassignedRole("Sales User").managerRole("Sales Manager")
                .build().roomsOf(assignedTo(""));
        assertThat(Set.copyOf(rooms))
                .isEqualTo(Set.of(Room.user("a@x.com"), Room.user("b@x.com"), Room.user("boss@x.com")));
    }

    @Test
    void anUnreadableAssignIsUnassignedAndNoPolicyNamesWebsite() {
        assertThat(RoomPolicy.assigned(members).build().roomsOf(assignedTo("not json"))).isEqualTo(List.of(Room.all()));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> RoomPolicy.fixed(new Room("website")));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> RoomPolicy.assigned(members).managerRole("A").managerRole("B"));
    }
}
