package io.github.frappemessenger.frappe.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FrappeClient#getList(ListQuery)} asks Frappe for: the parameters of {@code GET /api/resource/<DocType>}
 * (or of {@code frappe.client.get_list} when {@code groupBy} is set). Immutable and thread-safe.
 *
 * <p>{@code orderBy}, {@code groupBy}, {@code limitStart} and {@code limitPageLength} are {@code null} when not set, and
 * are then left to Frappe (which returns the first 20 rows ordered by {@code modified desc}). A page length of 0 asks
 * Frappe for every row. An empty {@code fields} list gets only {@code name}.
 *
 * <pre>{@code
 * ListQuery unread = ListQuery.builder("Messenger Message")
 *     .fields("conversation", "count(name) as unread_count")
 *     .where("message_direction", "=", "Incoming")
 *     .where("is_read", "=", 0)
 *     .groupBy("conversation")
 *     .build();
 * }</pre>
 */
public record ListQuery(
        String doctype,
        List<String> fields,
        List<Filter> filters,
        String orderBy,
        String groupBy,
        Integer limitStart,
        Integer limitPageLength) {

    public ListQuery {
        Objects.requireNonNull(doctype, "doctype");
        if (doctype.isBlank()) {
            throw new IllegalArgumentException("doctype must not be blank");
        }
        fields = fields == null ? List.of() : List.copyOf(fields);
        filters = filters == null ? List.of() : List.copyOf(filters);
        requireNotNegative(limitStart, "limitStart");
        requireNotNegative(limitPageLength, "limitPageLength");
    }

    /** Starts a query on {@code doctype}, e.g. {@code "Messenger Message"}. */
    public static Builder builder(String doctype) {
        return new Builder(doctype);
    }

    private static void requireNotNegative(Integer value, String what) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }

    /** Collects a {@link ListQuery}. Not thread-safe; the query it builds is. */
    public static final class Builder {
        private final String doctype;
        private final List<String> fields = new ArrayList<>();
        private final List<Filter> filters = new ArrayList<>();
        private String orderBy;
        private String groupBy;
        private Integer limitStart;
        private Integer limitPageLength;

        private Builder(String doctype) {
            this.doctype = doctype;
        }

        /** Adds fields (or SQL expressions Frappe allows, like {@code count(name) as n}). */
        public Builder fields(String... names) {
            fields.addAll(Arrays.asList(names));
            return this;
        }

        public Builder fields(List<String> names) {
            fields.addAll(names);
            return this;
        }

        public Builder filter(Filter filter) {
            filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** Adds the filter {@code [field, op, value]}. */
        public Builder where(String field, String op, Object value) {
            return filter(new Filter(field, op, value));
        }

        public Builder filters(List<Filter> more) {
            more.forEach(this::filter);
            return this;
        }

        /** Frappe's order text, e.g. {@code "last_message_time desc"}. */
        public Builder orderBy(String orderBy) {
            this.orderBy = orderBy;
            return this;
        }

        public Builder groupBy(String groupBy) {
            this.groupBy = groupBy;
            return this;
        }

        public Builder limitStart(int limitStart) {
            this.limitStart = limitStart;
            return this;
        }

        /** Rows per page; 0 means all rows. */
        public Builder limitPageLength(int limitPageLength) {
            this.limitPageLength = limitPageLength;
            return this;
        }

        public ListQuery build() {
            return new ListQuery(doctype, fields, filters, orderBy, groupBy, limitStart, limitPageLength);
        }
    }
}
