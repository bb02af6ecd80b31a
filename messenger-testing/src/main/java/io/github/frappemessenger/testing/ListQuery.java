package io.github.frappemessenger.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A list request of Frappe's REST API as {@code frappe.get_list} reads it: {@code filters} as a list of
 * {@code [field, op, value]} (or {@code [doctype, field, op, value]}) or as a dict {@code {field: value}} /
 * {@code {field: [op, value]}}; {@code fields} with {@code *}, {@code field as alias} and {@code count(name) as alias}
 * under {@code group_by}; {@code order_by} of one or more {@code field asc|desc} (default {@code modified desc});
 * {@code limit_start} and {@code limit_page_length} (default 20, 0 for no limit). Missing values compare as the
 * empty string, as Frappe's {@code ifnull(field, '')} does; numbers compare as numbers. Immutable.
 */
record ListQuery(Predicate<Map<String, Object>> filter, List<String> fields, String orderBy, String groupBy,
                int start, int pageLength) {

    List<Map<String, Object>> apply(List<Map<String, Object>> docs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        docs.stream().filter(filter).forEach(rows::add);
        if (groupBy != null && !groupBy.isBlank()) {
            rows = grouped(rows, bare(groupBy));
        } else {
            rows.sort(order(orderBy == null || orderBy.isBlank() ? "modified desc" : orderBy));
            rows = rows.stream().map(this::project).toList();
        }
        int from = Math.min(start, rows.size());
        int to = pageLength <= 0 ? rows.size() : Math.min(rows.size(), from + pageLength);
        return new ArrayList<>(rows.subList(from, to));
    }

    private Map<String, Object> project(Map<String, Object> doc) {
        if (fields.isEmpty()) {
            return Map.of("name", doc.get("name"));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (String field : fields) {
            if (field.strip().equals("*")) {
                row.putAll(doc);
                row.remove("doctype"); // a list row is a table row: no doctype key, as in Frappe
                continue;
            }
            String[] parts = field.split("(?i)\\s+as\\s+");
            row.put(parts.length > 1 ? parts[1].strip() : bare(parts[0]), doc.get(bare(parts[0])));
        }
        return row;
    }

    private List<Map<String, Object>> grouped(List<Map<String, Object>> rows, String by) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        rows.forEach(r -> groups.computeIfAbsent(text(r.get(by)), k -> new ArrayList<>()).add(r));
        List<Map<String, Object>> out = new ArrayList<>();
        groups.forEach((value, members) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String field : fields) {
                String[] parts = field.split("(?i)\\s+as\\s+");
                String alias = parts.length > 1 ? parts[1].strip() : bare(parts[0]);
                row.put(alias, parts[0].strip().toLowerCase().startsWith("count(") ? members.size()
                        : members.get(0).get(bare(parts[0])));
            }
            out.add(row);
        });
        return out;
    }

    static Comparator<Map<String, Object>> order(String orderBy) {
        Comparator<Map<String, Object>> c = (a, b) -> 0;
        for (String clause : orderBy.split(",")) {
            String[] words = clause.strip().split("\\s+");
            String field = bare(words[0]);
            Comparator<Map<String, Object>> one = (a, b) -> compare(a.get(field), b.get(field));
            c = c.thenComparing(words.length > 1 && words[1].equalsIgnoreCase("desc") ? one.reversed() : one);
        }
        return c;
    }

    /** The {@code field = value} conditions of Frappe's filters in either shape, for an index to narrow by. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> equalities(Object spec) {
        Map<String, Object> found = new LinkedHashMap<>();
        if (spec instanceof Map<?, ?> dict) {
            dict.forEach((field, v) -> {
                if (!(v instanceof List<?>)) {
                    found.put(bare(field.toString()), v);
                } else if (((List<?>) v).size() == 2 && "=".equals(((List<?>) v).get(0))) {
                    found.put(bare(field.toString()), ((List<?>) v).get(1));
                }
            });
        } else if (spec instanceof List<?> list) {
            for (Object f : list) {
                List<Object> c = (List<Object>) f;
                List<Object> t = c.size() == 4 ? c.subList(1, 4) : c;
                if (t.size() == 3 && "=".equals(String.valueOf(t.get(1)).strip())) {
                    found.put(bare(t.get(0).toString()), t.get(2));
                }
            }
        }
        return found;
    }

    /** Frappe's filters in either shape; null or empty matches everything. */
    @SuppressWarnings("unchecked")
    static Predicate<Map<String, Object>> filters(Object spec) {
        Predicate<Map<String, Object>> all = d -> true;
        if (spec instanceof Map<?, ?> dict) {
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                Object v = e.getValue();
                all = v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String op
                        ? all.and(condition(e.getKey().toString(), op, l.get(1)))
                        : all.and(condition(e.getKey().toString(), "=", v));
            }
        } else if (spec instanceof List<?> list) {
            for (Object f : list) {
                List<Object> c = (List<Object>) f;
                List<Object> t = c.size() == 4 ? c.subList(1, 4) : c;
                all = all.and(condition(t.get(0).toString(), t.get(1).toString(), t.size() > 2 ? t.get(2) : null));
            }
        }
        return all;
    }

    private static Predicate<Map<String, Object>> condition(String rawField, String rawOp, Object value) {
        String field = bare(rawField);
        String op = rawOp.strip().toLowerCase();
        return doc -> {
            Object actual = doc.get(field);
            return switch (op) {
                case "=" -> compare(actual, value) == 0;
                case "!=" -> compare(actual, value) != 0;
                case ">" -> compare(actual, value) > 0;
                case "<" -> compare(actual, value) < 0;
                case ">=" -> compare(actual, value) >= 0;
                case "<=" -> compare(actual, value) <= 0;
                case "in" -> values(value).stream().anyMatch(v -> compare(actual, v) == 0);
                case "not in" -> values(value).stream().noneMatch(v -> compare(actual, v) == 0);
                case "is" -> "set".equals(text(value)) != text(actual).isEmpty();
                case "like" -> like(text(actual), text(value));
                case "not like" -> !like(text(actual), text(value));
                case "between" -> compare(actual, values(value).get(0)) >= 0
                        && compare(actual, values(value).get(1)) <= 0;
                default -> throw new IllegalArgumentException("unsupported filter operator " + rawOp);
            };
        };
    }

    private static List<Object> values(Object value) {
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return new ArrayList<>(Arrays.asList(text(value).split("\\s*,\\s*")));
    }

    private static boolean like(String actual, String pattern) {
        String regex = ("\\Q" + pattern.toLowerCase() + "\\E").replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q");
        return actual.toLowerCase().matches(regex);
    }

    static int compare(Object a, Object b) {
        String x = text(a);
        String y = text(b);
        try {
            return new BigDecimal(x).compareTo(new BigDecimal(y));
        } catch (NumberFormatException notNumbers) {
            return x.compareTo(y);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** {@code `tabMessenger Message`.`modified`} -> {@code modified}. */
    static String bare(String field) {
        String f = field.strip().replace("`", "");
        int dot = f.lastIndexOf('.');
        return dot >= 0 ? f.substring(dot + 1) : f;
    }
}
