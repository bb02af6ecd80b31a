package io.github.frappemessenger.faults;

import io.github.frappemessenger.model.FrappeDates;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The documents of the Frappe stand-in, by DocType, stamped as Frappe stamps them: {@code creation} and
 * {@code modified} are the save time with microseconds (strictly increasing here, as two saves of a site rarely share
 * a microsecond), {@code owner}, {@code modified_by}, {@code docstatus}, {@code idx}, {@code doctype}. Every save of
 * an existing doc moves {@code modified}, whether or not a field changed. Thread-safe: every method holds this
 * object's monitor, so a reader never sees half a save.
 */
final class SiteDocs {
    private static final String USER = "Administrator";

    private final Map<String, Map<String, Map<String, Object>>> byDoctype = new ConcurrentHashMap<>();
    private LocalDateTime lastStamp = LocalDateTime.MIN;
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
        table(doctype).put(stored.get("name").toString(), stored);
        return new LinkedHashMap<>(stored);
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
        changes.forEach((field, value) -> {
            if (!List.of("name", "doctype", "creation", "owner").contains(field)) {
                doc.put(field, value);
            }
        });
        doc.put("modified", stamp());
        doc.put("modified_by", USER);
        return Optional.of(new LinkedHashMap<>(doc));
    }

    synchronized boolean delete(String doctype, String name) {
        return table(doctype).remove(name) != null;
    }

    /** Copies of the docs that match, in no particular order. */
    synchronized List<Map<String, Object>> select(String doctype, Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> doc : table(doctype).values()) {
            if (filter.test(doc)) {
                rows.add(new LinkedHashMap<>(doc));
            }
        }
        return rows;
    }

    synchronized List<Map<String, Object>> all(String doctype) {
        return select(doctype, d -> true);
    }

    private Map<String, Map<String, Object>> table(String doctype) {
        return byDoctype.computeIfAbsent(doctype, k -> new LinkedHashMap<>());
    }

    private String stamp() {
        LocalDateTime clock = LocalDateTime.now();
        LocalDateTime now = clock.withNano(clock.getNano() / 1_000 * 1_000);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusNanos(1_000);
        }
        lastStamp = now;
        return FrappeDates.format(now);
    }
}
