package io.github.frappemessenger.load;

import io.github.frappemessenger.model.FrappeDates;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two tables of {@link InMemoryFrappe}: Messenger Conversations indexed by sender, Messenger Messages indexed
 * by conversation, so that a search or a count costs the same after a million webhooks as after ten (a real site
 * has indexes too; a scan would make the stand-in, not the bridge, the bottleneck). Filters are Frappe's
 * {@code [field, "=", value]}, compared as text. Thread-safe: every method holds this object's monitor.
 */
final class FrappeTables {
    private static final LocalDateTime EPOCH = LocalDateTime.of(2026, 1, 1, 0, 0);

    private final Map<String, Map<String, Object>> conversations = new HashMap<>();
    private final Map<String, List<String>> conversationsBySender = new HashMap<>();
    private final Map<String, Map<String, Object>> messages = new HashMap<>();
    private final Map<String, Set<String>> messagesByConversation = new HashMap<>();
    private long sequence;

    /** A new conversation named {@code CONV-n}, with {@code creation} and {@code modified} stamps. */
    synchronized Map<String, Object> insertConversation(Map<String, Object> doc) {
        long n = ++sequence;
        String stamp = FrappeDates.format(EPOCH.plusNanos(n * 1_000));
        Map<String, Object> stored = new LinkedHashMap<>(doc);
        stored.put("name", "CONV-" + n);
        stored.put("creation", stamp);
        stored.put("modified", stamp);
        conversations.put((String) stored.get("name"), stored);
        conversationsBySender.computeIfAbsent(String.valueOf(stored.get("sender_id")), k -> new ArrayList<>())
                .add((String) stored.get("name"));
        return new LinkedHashMap<>(stored);
    }

    synchronized Optional<Map<String, Object>> conversation(String name) {
        return Optional.ofNullable(conversations.get(name)).map(LinkedHashMap::new);
    }

    /** Lays {@code changes} over the conversation; empty when there is none of that name. */
    synchronized Optional<Map<String, Object>> updateConversation(String name, Map<String, Object> changes) {
        Map<String, Object> doc = conversations.get(name);
        if (doc == null) {
            return Optional.empty();
        }
        doc.putAll(changes);
        return Optional.of(new LinkedHashMap<>(doc));
    }

    /** The conversations matching {@code filters}, ordered by one field ascending, at most {@code limit}. */
    synchronized List<Map<String, Object>> listConversations(List<List<Object>> filters, List<String> fields,
            String orderField, int limit) {
        Optional<String> sender = equalityValue(filters, "sender_id");
        Collection<String> names = sender.isPresent()
                ? conversationsBySender.getOrDefault(sender.get(), List.of()) : conversations.keySet();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> doc = conversations.get(name);
            if (matches(doc, filters)) {
                rows.add(doc);
            }
        }
        rows.sort(Comparator.comparing(d -> String.valueOf(d.get(orderField))));
        List<Map<String, Object>> page = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(limit, rows.size()))) {
            Map<String, Object> projected = new LinkedHashMap<>();
            fields.forEach(f -> projected.put(f, row.get(f)));
            page.add(projected);
        }
        return page;
    }

    /** Frappe's own write of a message, before it fires the webhooks. */
    synchronized void saveMessage(Map<String, Object> doc) {
        String name = (String) doc.get("name");
        Map<String, Object> previous = messages.put(name, new LinkedHashMap<>(doc));
        reindex(name, previous, doc);
    }

    synchronized Optional<Map<String, Object>> updateMessage(String name, Map<String, Object> changes) {
        Map<String, Object> doc = messages.get(name);
        if (doc == null) {
            return Optional.empty();
        }
        Map<String, Object> before = new LinkedHashMap<>(doc);
        doc.putAll(changes);
        reindex(name, before, doc);
        return Optional.of(new LinkedHashMap<>(doc));
    }

    /** {@code frappe.client.get_count} on Messenger Message. */
    synchronized long countMessages(List<List<Object>> filters) {
        Optional<String> conversation = equalityValue(filters, "conversation");
        Collection<String> names = conversation.isPresent()
                ? messagesByConversation.getOrDefault(conversation.get(), Set.of()) : messages.keySet();
        return names.stream().filter(n -> matches(messages.get(n), filters)).count();
    }

    synchronized int conversationCount() {
        return conversations.size();
    }

    private void reindex(String name, Map<String, Object> before, Map<String, Object> after) {
        if (before != null && before.get("conversation") != null) {
            Set<String> old = messagesByConversation.get(String.valueOf(before.get("conversation")));
            if (old != null) {
                old.remove(name);
            }
        }
        if (after.get("conversation") != null) {
            messagesByConversation.computeIfAbsent(String.valueOf(after.get("conversation")), k -> new HashSet<>())
                    .add(name);
        }
    }

    private static Optional<String> equalityValue(List<List<Object>> filters, String field) {
        return filters.stream().filter(f -> field.equals(f.get(0)) && "=".equals(f.get(1)))
                .map(f -> String.valueOf(f.get(2))).findFirst();
    }

    private static boolean matches(Map<String, Object> doc, List<List<Object>> filters) {
        for (List<Object> f : filters) {
            if (!"=".equals(f.get(1)) || !String.valueOf(doc.get((String) f.get(0))).equals(String.valueOf(f.get(2)))) {
                return false;
            }
        }
        return true;
    }
}
