package io.github.frappemessenger.hooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The registry of document events, read like hooks.py's {@code doc_events}:
 * <pre>{@code
 * DocEvents.builder()
 *     .on("Messenger Message", DocEvent.VALIDATE, lifecycle::validate)
 *     .on("Messenger Message", DocEvent.ON_UPDATE, ...)
 *     .build();
 * }</pre>
 * Immutable once built, so thread-safe. Handlers of one event run in the order they were registered, each getting
 * the doc the previous one returned.
 */
public final class DocEvents {
    private final Map<String, Map<DocEvent, List<DocEventHandler>>> handlers;

    private DocEvents(Map<String, Map<DocEvent, List<DocEventHandler>>> handlers) {
        this.handlers = handlers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether any handler is registered for this DocType. */
    public boolean handles(String doctype) {
        return handlers.containsKey(doctype);
    }

    public boolean handles(String doctype, DocEvent event) {
        return !handlersOf(doctype, event).isEmpty();
    }

    /**
     * Runs the handlers of (doctype, event) on the doc.
     *
     * @return the doc after the last handler; the doc itself when nothing is registered
     */
    public Map<String, Object> dispatch(String doctype, DocEvent event, Map<String, Object> doc) {
        Map<String, Object> current = doc;
        for (DocEventHandler handler : handlersOf(doctype, event)) {
            current = handler.handle(current);
        }
        return current;
    }

    private List<DocEventHandler> handlersOf(String doctype, DocEvent event) {
        return handlers.getOrDefault(doctype, Map.of()).getOrDefault(event, List.of());
    }

    /** Collects handlers; not thread-safe (build once, share the result). */
    public static final class Builder {
        private final Map<String, Map<DocEvent, List<DocEventHandler>>> handlers = new HashMap<>();

        private Builder() {
        }

        public Builder on(String doctype, DocEvent event, DocEventHandler handler) {
            Objects.requireNonNull(doctype, "doctype");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(handler, "handler");
            handlers.computeIfAbsent(doctype, d -> new EnumMap<>(DocEvent.class))
                    .computeIfAbsent(event, e -> new ArrayList<>()).add(handler);
            return this;
        }

        public DocEvents build() {
            Map<String, Map<DocEvent, List<DocEventHandler>>> copy = new HashMap<>();
            handlers.forEach((doctype, byEvent) -> {
                Map<DocEvent, List<DocEventHandler>> events = new EnumMap<>(DocEvent.class);
                byEvent.forEach((event, list) -> events.put(event, List.copyOf(list)));
                copy.put(doctype, Collections.unmodifiableMap(events));
            });
            return new DocEvents(Collections.unmodifiableMap(copy));
        }
    }
}
