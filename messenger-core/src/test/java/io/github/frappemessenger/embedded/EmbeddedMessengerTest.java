package io.github.frappemessenger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        assertThat(heard).hasSize(4);
        assertThat(messenger.messages().size()).isEqualTo(1);
    }

    @Test
    void aSecondSaveOfOneNameIsAnUpdateMergedIntoTheStoredDoc() {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
        MessengerMessage first = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        MessengerMessage read = messenger.save(Map.of("name", "MSG-1", "is_read", 1));

        assertThat(read.message()).isEqualTo("hi");
        assertThat(read.conversation()).isEqualTo(first.conversation());
        assertThat(messenger.messages().countUnread(first.conversation())).isEqualTo(0);
        assertThat(messenger.messages().size()).isEqualTo(1);
    }

    @Test
    void aRefusedSaveStoresNothing() {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
        assertThatExceptionOfType(MessengerValidationException.class)
                .isThrownBy(() -> messenger.save(Docs.with(Docs.incoming("MSG-1", "42", "hi", null), "platform", null)));
        assertThat(messenger.messages().size()).isEqualTo(0);
        assertThat(messenger.conversations().size()).isEqualTo(0);
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
        assertThat(heard).hasSize(4);
        assertThat(messenger.errorLog().entries()).isEmpty();
    }

    @Test
    void linkingAStoredMessageMovesItsUnreadCountToThatConversation() {
        InMemoryMessageStore store = new InMemoryMessageStore();
        store.save(MessengerMessage.fromDoc(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")));
        store.linkConversation("MSG-1", "CONV-9");
        assertThat(store.countUnread("CONV-9")).isEqualTo(1);
        assertThat(store.get("MSG-1").orElseThrow().conversation()).isEqualTo("CONV-9");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> store.linkConversation("nope", "CONV-9"));
    }
}
