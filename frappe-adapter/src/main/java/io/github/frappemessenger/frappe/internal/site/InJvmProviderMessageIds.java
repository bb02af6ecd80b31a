package io.github.frappemessenger.frappe.internal.site;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link ProviderMessageIds} in this JVM, bounded. Thread-safe: every method holds the monitor. */
final class InJvmProviderMessageIds implements ProviderMessageIds {
    private final Map<String, String> owners;
    private final Map<String, Boolean> reported;

    InJvmProviderMessageIds(int capacity) {
        this.owners = bounded(capacity);
        this.reported = bounded(capacity);
    }

    @Override
    public synchronized String claim(String platform, String messageId, String messageName) {
        return owners.computeIfAbsent(ProviderMessageIds.key(platform, messageId), k -> messageName);
    }

    @Override
    public synchronized boolean firstReport(String messageName) {
        return reported.put(messageName, Boolean.TRUE) == null;
    }

    private static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
