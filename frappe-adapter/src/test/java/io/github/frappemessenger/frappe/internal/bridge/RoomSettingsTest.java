package io.github.frappemessenger.frappe.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThat(BridgeConfig.fromEnvironment(env).rooms()).isEqualTo(RoomSettings.all());
        MessengerConversation any = MessengerConversation.start("CONV-1", "Messenger", "1");
        assertThat(RoomSettings.all().policy(role -> Set.of("x")).roomsOf(any)).isEqualTo(List.of(Room.all()));
    }

    @Test
    void assignedWithItsRolesIsRead() {
        env.put("MESSENGER_ROOMS", "assigned");
        env.put("MESSENGER_MANAGER_ROLE", " Sales Manager ");
        RoomSettings rooms = BridgeConfig.fromEnvironment(env).rooms();
        assertThat(rooms).isEqualTo(new RoomSettings(true, Optional.of("Sales Manager"), Optional.empty()));
        assertThat(rooms.policy(role -> Set.of())).isInstanceOf(AssignedRooms.class);
        assertThat(rooms.toString()).isEqualTo("assigned, managers: Sales Manager, unassigned to: all");
    }

    @Test
    void anUnknownPolicyNamesTheVariable() {
        env.put("MESSENGER_ROOMS", "website");
        MissingSettingException e = assertThatExceptionOfType(MissingSettingException.class)
                .isThrownBy(() -> BridgeConfig.fromEnvironment(env)).actual();
        assertThat(e.getMessage()).isEqualTo("MESSENGER_ROOMS must be 'all' or 'assigned', got 'website'");
    }
}
