package io.github.frappemessenger.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoomTest {

    @Test
    void factoriesSpellFrappeRoomNames() {
        assertEquals("all", Room.all().name());
        assertEquals("user:agent@example.com", Room.user("agent@example.com").name());
        assertEquals("doctype:Messenger Conversation", Room.doctype("Messenger Conversation").name());
        assertEquals("doc:Messenger Conversation/CONV-1", Room.doc("Messenger Conversation", "CONV-1").name());
    }

    @Test
    void theGuestRoomCannotBeBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Room("website"));
        assertTrue(e.getMessage().contains("guests"), e.getMessage());
    }

    @Test
    void blankNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Room(" "));
        assertThrows(IllegalArgumentException.class, () -> Room.user(""));
    }
}
