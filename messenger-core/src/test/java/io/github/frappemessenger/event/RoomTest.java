package io.github.frappemessenger.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

class RoomTest {

    @Test
    void factoriesSpellFrappeRoomNames() {
        assertThat(Room.all().name()).isEqualTo("all");
        assertThat(Room.user("agent@example.com").name()).isEqualTo("user:agent@example.com");
        assertThat(Room.doctype("Messenger Conversation").name()).isEqualTo("doctype:Messenger Conversation");
        assertThat(Room.doc("Messenger Conversation", "CONV-1").name()).isEqualTo("doc:Messenger Conversation/CONV-1");
    }

    @Test
    void theGuestRoomCannotBeBuilt() {
        IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new Room("website"))
                .actual();
        assertThat(e.getMessage()).contains("guests");
    }

    @Test
    void blankNamesAreRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Room(" "));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Room.user(""));
    }
}
