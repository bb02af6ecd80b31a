package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        assertThat(query.fields()).isEqualTo(List.of("name"));
        assertThat(query.filters().get(0).value()).isEqualTo(List.of("Open"));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> query.fields().add("x"));
    }

    @Test
    void unsetOptionsStayNull() {
        ListQuery query = ListQuery.builder("Note").build();

        assertThat(query.orderBy()).isNull();
        assertThat(query.groupBy()).isNull();
        assertThat(query.limitStart()).isNull();
        assertThat(query.limitPageLength()).isNull();
    }

    @Test
    void aFilterTravelsAsATripleAndMayHoldNull() {
        assertThat(new Filter("attach", "is", null).toWire()).isEqualTo(Arrays.asList("attach", "is", null));
        assertThat(Filter.eq("is_read", 0).toWire()).isEqualTo(List.of("is_read", "=", 0));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ListQuery.builder(" ").build());
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> ListQuery.builder("Note").limitPageLength(-1).build());
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Filter("", "=", 1));
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new Filter("x", null, 1));
    }
}
