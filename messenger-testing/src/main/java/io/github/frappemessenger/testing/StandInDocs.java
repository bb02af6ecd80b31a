package io.github.frappemessenger.testing;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The documents of the stand-in, by DocType, stamped as Frappe stamps them: {@code creation} and {@code modified} are
 * the save time with microseconds (strictly increasing here, as two saves of a site rarely share a microsecond),
 * {@code owner}, {@code modified_by}, {@code docstatus}, {@code idx}, {@code doctype}. Every save of an existing doc
 * moves {@code modified}, whether or not a field changed. A field first filtered on with {@code =} gets an index (a
 * site has indexes too; a scan would make the stand-in, not the code under test, the bottleneck of a load run).
 * Thread-safe: every method holds this object's monitor, so a reader never sees half a save.
 */
final class StandInDocs {
    private static final String USER = "Administrator";
    private static final List<String> FIXED = List.of("name", "doctype", "creation", "owner");

    private final Map<String, Map<String, Map<String, Object>>> byDoctype = new HashMap<>();
    /** doctype -> field -> value key -> names. */
    private final Map<String, Map<String, Map<String, Set<String>>>> indexes = new HashMap<>();
    private LocalDateTime lastStamp = LocalDateTime.MIN;
    private boolean fixedClock;
    private long autoname;

    /** Inserts {@code doc}; a doc without a name is named {@code <prefix>-00001} and so on. */
    synchronized Map<String, Object> insert(String doctype, Map<String, Object> doc, String namePrefix) {
        Map<String, Object> stored = new LinkedHashMap<>(doc);
        Object name = stored.get("name");
        if (name == null || name.toString().isBlank()) {
            stored.put("name", String.format("%s-%05d", namePrefix, ++autoname));
        }
        String stamp = stamp();
        stored.put("owner", USER);
        stored.put("creation", stamp);
        stored.put("modified", stamp);
        stored.put("modified_by", USER);
        stored.putIfAbsent("docstatus", 0);
        stored.putIfAbsent("idx", 0);
        stored.put("doctype", doctype);
        Map<String, Object> previous = table(doctype).put(stored.get("name").toString(), stored);
        reindex(doctype, previous, stored);
        return new LinkedHashMap<>(stored);
    }

    /** Stores {@code doc} as given: no stamps. */
    synchronized void seed(String doctype, Map<String, Object> doc) {
        Map<String, Object> stored = new LinkedHashMap<>(doc);
        Map<String, Object> previous = table(doctype).put(String.valueOf(stored.get("name")), stored);
        reindex(doctype, previous, stored);
    }

    /** From now on stamps start at {@code start} and move one microsecond per save, whatever the clock says. */
    synchronized void stampsFrom(LocalDateTime start) {
        lastStamp = start.minusNanos(1_000);
        fixedClock = true;
    }

    synchronized boolean exists(String doctype, String name) {
        return table(doctype).containsKey(name);
    }

    synchronized Optional<Map<String, Object>> get(String doctype, String name) {
        return Optional.ofNullable(table(doctype).get(name)).map(LinkedHashMap::new);
    }

    /** Lays {@code changes} over the doc and saves it (a new {@code modified}); empty when there is no such doc. */
    synchronized Optional<Map<String, Object>> update(String doctype, String name, Map<String, Object> changes) {
        Map<String, Object> doc = table(doctype).get(name);
        if (doc == null) {
            return Optional.empty();
        }
        Map<String, Object> before = new LinkedHashMap<>(doc);
        changes.forEach((field, value) -> {
            if (!FIXED.contains(field)) {
                doc.put(field, value);
            }
        });
        doc.put("modified", stamp());
        doc.put("modified_by", USER);
        reindex(doctype, before, doc);
        return Optional.of(new LinkedHashMap<>(doc));
    }

    synchronized boolean delete(String doctype, String name) {
        Map<String, Object> gone = table(doctype).remove(name);
        reindex(doctype, gone, null);
        return gone != null;
    }

    /**
     * Copies of the docs that match {@code filter}, in insertion order; {@code equalities} (field to value, all of
     * which {@code filter} also checks) narrow the candidates through the narrowest index.
     */
    synchronized List<Map<String, Object>> select(String doctype, Map<String, Object> equalities,
            Predicate<Map<String, Object>> filter) {
        Map<String, Map<String, Object>> table = table(doctype);
        Collection<String> names = table.keySet();
        for (Map.Entry<String, Object> e : equalities.entrySet()) { // the narrowest index wins
            Set<String> matching = index(doctype, e.getKey()).getOrDefault(key(e.getValue()), Set.of());
            if (matching.size() < names.size()) {
                names = matching;
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> doc = table.get(name);
            if (doc != null && filter.test(doc)) {
                rows.add(new LinkedHashMap<>(doc));
            }
        }
        return rows;
    }

    synchronized List<Map<String, Object>> all(String doctype) {
        return select(doctype, Map.of(), d -> true);
    }

    private Map<String, Map<String, Object>> table(String doctype) {
        return byDoctype.computeIfAbsent(doctype, k -> new LinkedHashMap<>());
    }

    private Map<String, Set<String>> index(String doctype, String field) {
        Map<String, Map<String, Set<String>>> fields = indexes.computeIfAbsent(doctype, k -> new HashMap<>());
        Map<String, Set<String>> index = fields.get(field);
        if (index == null) {
            index = new HashMap<>();
            for (Map<String, Object> doc : table(doctype).values()) {
                index.computeIfAbsent(key(doc.get(field)), k -> new LinkedHashSet<>()).add(doc.get("name").toString());
            }
            fields.put(field, index);
        }
        return index;
    }

    private void reindex(String doctype, Map<String, Object> before, Map<String, Object> after) {
        indexes.getOrDefault(doctype, Map.of()).forEach((field, index) -> {
            if (before != null) {
                Set<String> names = index.get(key(before.get(field)));
                if (names != null) {
                    names.remove(before.get("name").toString());
                }
            }
            if (after != null) {
                index.computeIfAbsent(key(after.get(field)), k -> new LinkedHashSet<>()).add(after.get("name").toString());
            }
        });
    }

    /** The index key of a value: numbers by value (1 and 1.0 alike), as ListQuery compares them; null as "". */
    private static String key(Object value) {
        String text = value == null ? "" : value.toString();
        try {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private String stamp() {
        LocalDateTime clock = fixedClock ? lastStamp : LocalDateTime.now();
        LocalDateTime now = clock.withNano(clock.getNano() / 1_000 * 1_000);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusNanos(1_000);
        }
        lastStamp = now;
        return MessengerDocs.stamp(now);
    }
}
