package io.github.frappemessenger.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.fixtures.Docs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedMessengerTest {

    @Test
    void worksWithZeroConfigurationAndPublishesInProcess() {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
        List<RealtimeEvent> heard = new ArrayList<>();
        messenger.publisher().subscribe(heard::add);

        messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));

        assertEquals(4, heard.size());
        assertEquals(1, messenger.messages().size());
    }

    @Test
    void aSecondSaveOfOneNameIsAnUpdateMergedIntoTheStoredDoc() {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
        MessengerMessage first = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        MessengerMessage read = messenger.save(Map.of("name", "MSG-1", "is_read", 1));

        assertEquals("hi", read.message());
        assertEquals(first.conversation(), read.conversation());
        assertEquals(0, messenger.messages().countUnread(first.conversation()));
        assertEquals(1, messenger.messages().size());
    }

    @Test
    void aRefusedSaveStoresNothing() {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
        assertThrows(MessengerValidationException.class,
                () -> messenger.save(Docs.with(Docs.incoming("MSG-1", "42", "hi", null), "platform", null)));
        assertEquals(0, messenger.messages().size());
        assertEquals(0, messenger.conversations().size());
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
        List<RealtimeEvent> heard = new ArrayList<>();
        messenger.publisher().subscribe(e -> {
            throw new IllegalStateException("bad listener");
        });
        messenger.publisher().subscribe(heard::add);
        messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        assertEquals(4, heard.size());
        assertTrue(messenger.errorLog().entries().isEmpty());
    }

    @Test
    void linkingAStoredMessageMovesItsUnreadCountToThatConversation() {
        InMemoryMessageStore store = new InMemoryMessageStore();
        store.save(MessengerMessage.fromDoc(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")));
        store.linkConversation("MSG-1", "CONV-9");
        assertEquals(1, store.countUnread("CONV-9"));
        assertEquals("CONV-9", store.get("MSG-1").orElseThrow().conversation());
        assertThrows(IllegalArgumentException.class, () -> store.linkConversation("nope", "CONV-9"));
    }
}
