package io.github.frappemessenger.frappe.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One condition of a Frappe list query, sent as the JSON array {@code [field, op, value]}, e.g.
 * {@code ["message_direction", "=", "Incoming"]} or {@code ["status", "in", ["sent", "read"]]}.
 *
 * <p>{@code op} is Frappe's operator text ({@code =}, {@code !=}, {@code >}, {@code like}, {@code in}, {@code is},
 * ...). {@code value} is any JSON-serialisable value and may be {@code null}; a collection is copied, so the record is
 * immutable and thread-safe as long as its elements are.
 */
public record Filter(String field, String op, Object value) {

    public Filter {
        requireText(field, "field");
        requireText(op, "op");
        if (value instanceof Collection<?> values) {
            value = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** {@code [field, "=", value]}. */
    public static Filter eq(String field, Object value) {
        return new Filter(field, "=", value);
    }

    /** The wire form, {@code [field, op, value]}. */
    List<Object> toWire() {
        return Arrays.asList(field, op, value);
    }

    private static void requireText(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
