package io.github.frappemessenger.frappe.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrappeListQueryTest {

    @Test
    void aBuiltQueryDoesNotChangeWhenItsInputsDo() {
        List<String> fields = new ArrayList<>(List.of("name"));
        List<Object> statuses = new ArrayList<>(List.of("Open"));
        ListQuery query = ListQuery.builder("Messenger Conversation").fields(fields).where("status", "in", statuses).build();

        fields.add("sender_id");
        statuses.add("Closed");

        assertEquals(List.of("name"), query.fields());
        assertEquals(List.of("Open"), query.filters().get(0).value());
        assertThrows(UnsupportedOperationException.class, () -> query.fields().add("x"));
    }

    @Test
    void unsetOptionsStayNull() {
        ListQuery query = ListQuery.builder("Note").build();

        assertNull(query.orderBy());
        assertNull(query.groupBy());
        assertNull(query.limitStart());
        assertNull(query.limitPageLength());
    }

    @Test
    void aFilterTravelsAsATripleAndMayHoldNull() {
        assertEquals(Arrays.asList("attach", "is", null), new Filter("attach", "is", null).toWire());
        assertEquals(List.of("is_read", "=", 0), Filter.eq("is_read", 0).toWire());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ListQuery.builder(" ").build());
        assertThrows(IllegalArgumentException.class, () -> ListQuery.builder("Note").limitPageLength(-1).build());
        assertThrows(IllegalArgumentException.class, () -> new Filter("", "=", 1));
        assertThrows(NullPointerException.class, () -> new Filter("x", null, 1));
    }
}
