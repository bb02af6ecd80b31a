package io.github.frappemessenger.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.fixtures.Docs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocEventsTest {

    @Test
    void messengerHooksReadLikeHooksPyAndDispatchToTheLifecycle() {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
        List<RealtimeEvent> heard = new ArrayList<>();
        messenger.publisher().subscribe(heard::add);
        DocEvents hooks = MessengerHooks.docEvents(messenger.lifecycle());

        Map<String, Object> validated = hooks.dispatch("Messenger Message", DocEvent.VALIDATE,
                Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        assertThat(validated.get("conversation")).isNotNull();
        assertThat(heard).as("validate emits nothing").isEmpty();

        hooks.dispatch("Messenger Message", DocEvent.ON_UPDATE, validated);
        assertThat(heard).hasSize(4);
    }

    @Test
    void handlersOfOneEventRunInOrderEachSeeingThePreviousResult() {
        DocEvents events = DocEvents.builder()
                .on("Lead", DocEvent.VALIDATE, doc -> with(doc, "trail", "a"))
                .on("Lead", DocEvent.VALIDATE, doc -> with(doc, "trail", doc.get("trail") + "b"))
                .build();
        assertThat(events.dispatch("Lead", DocEvent.VALIDATE, Map.of()).get("trail")).isEqualTo("ab");
    }

    @Test
    void anUnregisteredDoctypeOrEventIsReportedAndLeftAlone() {
        DocEvents events = DocEvents.builder().on("Lead", DocEvent.ON_UPDATE, doc -> Map.of()).build();
        assertThat(events.handles("Lead")).isTrue();
        assertThat(events.handles("Lead", DocEvent.ON_TRASH)).isFalse();
        assertThat(events.handles("Deal")).isFalse();
        Map<String, Object> doc = Map.of("name", "x");
        assertThat(events.dispatch("Deal", DocEvent.ON_UPDATE, doc)).isEqualTo(doc);
    }

    @Test
    void docEventsAreFoundByTheirHookNames() {
        assertThat(DocEvent.fromHookName("after_insert").orElseThrow()).isEqualTo(DocEvent.AFTER_INSERT);
        assertThat(DocEvent.fromHookName("validate_later")).isEmpty();
    }

    private static Map<String, Object> with(Map<String, Object> doc, String k, Object v) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.put(k, v);
        return copy;
    }
}
