package io.github.frappemessenger.frappe.internal.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.frappemessenger.event.AssignedRooms;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.frappe.bridge.BridgeConfig;
import io.github.frappemessenger.frappe.bridge.MissingSettingException;
import io.github.frappemessenger.model.MessengerConversation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomSettingsTest {
    private final Map<String, String> env = new HashMap<>(Map.of("FRAPPE_URL", "https://crm.example.com",
            "FRAPPE_API_KEY", "k", "FRAPPE_API_SECRET", "s", "REDIS_URL", "redis://127.0.0.1:6379",
            "WEBHOOK_SECRET", "w"));

    @Test
    void roomAllUnlessAssignedIsAsked() {
        assertEquals(RoomSettings.all(), BridgeConfig.fromEnvironment(env).rooms());
        MessengerConversation any = MessengerConversation.start("CONV-1", "Messenger", "1");
        assertEquals(List.of(Room.all()), RoomSettings.all().policy(role -> Set.of("x")).roomsOf(any));
    }

    @Test
    void assignedWithItsRolesIsRead() {
        env.put("MESSENGER_ROOMS", "assigned");
        env.put("MESSENGER_MANAGER_ROLE", " Sales Manager ");
        RoomSettings rooms = BridgeConfig.fromEnvironment(env).rooms();
        assertEquals(new RoomSettings(true, Optional.of("Sales Manager"), Optional.empty()), rooms);
        assertInstanceOf(AssignedRooms.class, rooms.policy(role -> Set.of()));
        assertEquals("assigned, managers: Sales Manager, unassigned to: all", rooms.toString());
    }

    @Test
    void anUnknownPolicyNamesTheVariable() {
        env.put("MESSENGER_ROOMS", "website");
        MissingSettingException e = assertThrows(MissingSettingException.class,
                () -> BridgeConfig.fromEnvironment(env));
        assertEquals("MESSENGER_ROOMS must be 'all' or 'assigned', got 'website'", e.getMessage());
    }
}
