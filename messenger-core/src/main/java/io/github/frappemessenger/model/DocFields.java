package io.github.frappemessenger.model;

import io.github.frappemessenger.internal.FrappeDates;
import java.time.LocalDateTime;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values out of a Frappe doc (a JSON object as a map) and collects the fields a record does not model,
 * so that a site's custom fields travel through unchanged.
 */
final class DocFields {
    private final Map<String, Object> doc;
    private final String doctype;

    DocFields(Map<String, ?> doc, String doctype) {
        if (doc == null) {
            throw new IllegalArgumentException(doctype + " doc is null");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) doc;
        this.doc = d;
        this.doctype = doctype;
    }

    String string(String field) {
        Object v = doc.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof Iterable) {
            throw new IllegalArgumentException(doctype + " field '" + field + "' must be a text, got " + v);
        }
        return v.toString();
    }

    /** Frappe's Check fields are 0/1; true/false and "0"/"1" are accepted too. Missing means 0. */
    boolean check(String field) {
        Object v = doc.get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        String s = v.toString().strip();
        if (s.equals("0") || s.isEmpty() || s.equalsIgnoreCase("false")) {
            return false;
        }
        if (s.equals("1") || s.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(doctype + " field '" + field + "' must be 0 or 1, got '" + s + "'");
    }

    LocalDateTime dateTime(String field) {
        String s = string(field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return FrappeDates.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(doctype + " field '" + field + "': " + e.getMessage(), e);
        }
    }

    /** The fields not in {@code known}, in their original order, as an unmodifiable map. */
    Map<String, Object> extras(Set<String> known) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            if (!known.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(extra);
    }

    static Object check(boolean value) {
        return value ? 1 : 0;
    }

    static String date(LocalDateTime time) {
        return time == null ? null : FrappeDates.format(time);
    }

    /** Copies a map so that the copy is unmodifiable but may still hold null values (as Frappe docs do). */
    static Map<String, Object> frozenCopy(Map<String, Object> extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        if (extra instanceof FrozenFields) {
            return extra; // already a frozen copy: records passing their extras on (withX methods) share it
        }
        return new FrozenFields(extra);
    }

    /** An unmodifiable, order-keeping copy of a doc's unmodelled fields; null values allowed. */
    private static final class FrozenFields extends AbstractMap<String, Object> {
        private final Map<String, Object> fields;

        FrozenFields(Map<String, Object> source) {
            this.fields = new LinkedHashMap<>(source);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(fields).entrySet();
        }

        @Override
        public Object get(Object key) {
            return fields.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return fields.containsKey(key);
        }

        @Override
        public int size() {
            return fields.size();
        }
    }
}
