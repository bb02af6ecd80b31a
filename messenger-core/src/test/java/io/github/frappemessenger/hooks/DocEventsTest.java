package io.github.frappemessenger.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertNotNull(validated.get("conversation"));
        assertTrue(heard.isEmpty(), "validate emits nothing");

        hooks.dispatch("Messenger Message", DocEvent.ON_UPDATE, validated);
        assertEquals(4, heard.size());
    }

    @Test
    void handlersOfOneEventRunInOrderEachSeeingThePreviousResult() {
        DocEvents events = DocEvents.builder()
                .on("Lead", DocEvent.VALIDATE, doc -> with(doc, "trail", "a"))
                .on("Lead", DocEvent.VALIDATE, doc -> with(doc, "trail", doc.get("trail") + "b"))
                .build();
        assertEquals("ab", events.dispatch("Lead", DocEvent.VALIDATE, Map.of()).get("trail"));
    }

    @Test
    void anUnregisteredDoctypeOrEventIsReportedAndLeftAlone() {
        DocEvents events = DocEvents.builder().on("Lead", DocEvent.ON_UPDATE, doc -> Map.of()).build();
        assertTrue(events.handles("Lead"));
        assertFalse(events.handles("Lead", DocEvent.ON_TRASH));
        assertFalse(events.handles("Deal"));
        Map<String, Object> doc = Map.of("name", "x");
        assertEquals(doc, events.dispatch("Deal", DocEvent.ON_UPDATE, doc));
    }

    @Test
    void docEventsAreFoundByTheirHookNames() {
        assertEquals(DocEvent.AFTER_INSERT, DocEvent.fromHookName("after_insert").orElseThrow());
        assertTrue(DocEvent.fromHookName("validate_later").isEmpty());
    }

    private static Map<String, Object> with(Map<String, Object> doc, String k, Object v) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.put(k, v);
        return copy;
    }
}
