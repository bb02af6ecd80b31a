package io.github.frappemessenger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.event.MessengerEvent;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue holds every event record once, under the name the record itself declares. */
class EventCatalogueTest {

    @Test
    void everyPermittedEventRecordIsInTheCatalogueOnce() {
        Set<Class<?>> records = Arrays.stream(MessengerEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        List<Class<?>> catalogued = EventCatalogue.kinds().stream().<Class<?>>map(EventCatalogue.Kind::type).toList();

        assertEquals(records, Set.copyOf(catalogued));
        assertEquals(records.size(), catalogued.size(), "no record twice");
    }

    @Test
    void eachKindIsNamedByItsRecordsNameAndFoundByIt() throws Exception {
        for (EventCatalogue.Kind<?> kind : EventCatalogue.kinds()) {
            Field name = kind.type().getField("NAME");
            assertEquals(name.get(null), kind.name(), kind.type().getSimpleName());
            assertTrue(kind.name().startsWith("messenger:"), kind.name());
            assertEquals(kind, EventCatalogue.byName(kind.name()).orElseThrow());
        }
        assertEquals(EventCatalogue.kinds().size(), Set.copyOf(EventCatalogue.names()).size());
    }
}
