package io.github.frappemessenger.event;

import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.RoleMembers;
import java.util.List;
import java.util.Objects;

/**
 * Which rooms a conversation's events go to. {@link #all()} sends everything to room {@code all} (every desk user;
 * Frappe CRM's behaviour and the default); {@link #assigned} sends a conversation's events to the {@code user:}
 * rooms of its assignees and managers only. No policy can name {@code website}: {@link Room} refuses it.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface RoomPolicy {

    /** The rooms of {@code conversation}'s events, each once; empty when nobody may hear them. */
    List<Room> roomsOf(MessengerConversation conversation);

    /** Everything to room {@code all}. */
    static RoomPolicy all() {
        return fixed(Room.all());
    }

    /** Everything to one room. */
    static RoomPolicy fixed(Room room) {
        Objects.requireNonNull(room, "room");
        List<Room> rooms = List.of(room);
        return conversation -> rooms;
    }

    /** The {@code assigned} policy, reading role members from {@code members}. */
    static AssignedRooms.Builder assigned(RoleMembers members) {
        return AssignedRooms.builder(members);
    }
}
