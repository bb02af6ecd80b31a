package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.hooks.DocEventHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A doc-event handler that remembers every doc it was given. Thread-safe. */
final class RecordingHandler implements DocEventHandler {
    private final List<Map<String, Object>> docs = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, Object> handle(Map<String, Object> doc) {
        docs.add(doc);
        return doc;
    }

    List<Map<String, Object>> docs() {
        return List.copyOf(docs);
    }

    int count() {
        return docs.size();
    }
}
