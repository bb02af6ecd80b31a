package io.github.frappemessenger.frappe.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link FrappeStandIn} answers {@code GET /api/resource/<DocType>} as Frappe's {@code get_list} does: filters
 * {@code [field, op, value]} with {@code =, !=, >, >=, <, <=} (ANDed; dates compared as their text, which orders
 * them since Frappe writes one fixed format), {@code order_by} with one or more {@code "field [asc|desc]"} parts
 * (default {@code modified desc}), {@code limit_start}, {@code limit_page_length} (default 20; 0 = all) and
 * {@code fields} ({@code ["*"]} = every column; default {@code name}). Stateless.
 */
final class StandInList {
    private StandInList() {
    }

    static List<Map<String, Object>> query(List<Map<String, Object>> docs, List<List<Object>> filters, String orderBy,
            Integer limitStart, Integer limitPageLength, List<String> fields, boolean page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            if (filters.stream().allMatch(f -> matches(doc, f))) {
                rows.add(doc);
            }
        }
        rows.sort(order(orderBy == null ? "modified desc" : orderBy));
        int start = page && limitStart != null ? Math.min(limitStart, rows.size()) : 0;
        int length = limitPageLength == null ? 20 : limitPageLength;
        int end = page && length > 0 ? Math.min(rows.size(), start + length) : rows.size();
        List<Map<String, Object>> projected = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(start, end)) {
            if (fields.contains("*")) {
                Map<String, Object> all = new LinkedHashMap<>(row);
                all.remove("doctype"); // a list row is a table row: no doctype key, as in Frappe
                projected.add(all);
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            fields.forEach(field -> p.put(field, row.get(field)));
            projected.add(p);
        }
        return projected;
    }

    private static boolean matches(Map<String, Object> doc, List<Object> filter) {
        String field = (String) filter.get(0);
        String op = String.valueOf(filter.get(1));
        Object value = filter.get(2);
        String have = doc.get(field) == null ? null : String.valueOf(doc.get(field));
        String want = value == null ? null : String.valueOf(value);
        if (op.equals("=")) {
            return Objects.equals(have, want);
        }
        if (op.equals("!=")) {
            return !Objects.equals(have, want);
        }
        if (have == null || want == null) {
            return false;
        }
        int c = compare(have, want);
        return switch (op) {
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            default -> throw new IllegalArgumentException("the stand-in does not know the filter operator " + op);
        };
    }

    private static Comparator<Map<String, Object>> order(String orderBy) {
        Comparator<Map<String, Object>> cmp = null;
        for (String part : orderBy.split(",")) {
            String[] by = part.strip().split("\\s+");
            String field = by[0].replace("`", "");
            Comparator<Map<String, Object>> one = (a, b) -> compare(text(a.get(field)), text(b.get(field)));
            if (by.length > 1 && by[1].equalsIgnoreCase("desc")) {
                one = one.reversed();
            }
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        return cmp;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** Numbers as numbers, everything else as text. */
    private static int compare(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }
}
