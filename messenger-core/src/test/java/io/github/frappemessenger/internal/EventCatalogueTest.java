package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(Set.copyOf(catalogued)).isEqualTo(records);
        assertThat(catalogued).as("no record twice").hasSize(records.size());
    }

    @Test
    void eachKindIsNamedByItsRecordsNameAndFoundByIt() throws Exception {
        for (EventCatalogue.Kind<?> kind : EventCatalogue.kinds()) {
            Field name = kind.type().getField("NAME");
            assertThat(kind.name()).as(kind.type().getSimpleName()).isEqualTo(name.get(null));
            assertThat(kind.name()).startsWith("messenger:");
            assertThat(EventCatalogue.byName(kind.name()).orElseThrow()).isEqualTo(kind);
        }
        assertThat(Set.copyOf(EventCatalogue.names())).hasSize(EventCatalogue.kinds().size());
    }
}
