package io.github.frappemessenger.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the stand-in counts and keeps: requests by route, the requests themselves (unless told not to: a load run
 * sends millions), the writes of chosen fields, the misdirected requests. Thread-safe.
 */
final class StandInLog {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> writes = new ConcurrentHashMap<>();
    private final List<StandInRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> misdirected = new CopyOnWriteArrayList<>();
    private volatile boolean keep = true;

    void keepRequests(boolean keep) {
        this.keep = keep;
    }

    void received(StandInRequest request) {
        if (keep) {
            requests.add(request);
        }
    }

    List<StandInRequest> requests() {
        return List.copyOf(requests);
    }

    void count(String route) {
        calls.computeIfAbsent(route, r -> new LongAdder()).increment();
    }

    Map<String, Long> byRoute() {
        Map<String, Long> m = new TreeMap<>();
        calls.forEach((route, n) -> m.put(route, n.sum()));
        return m;
    }

    long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void misdirected(String where) {
        misdirected.add(where);
        count("misdirected");
    }

    List<String> misdirected() {
        return List.copyOf(misdirected);
    }

    void countWrites(String doctype, String field) {
        writes.putIfAbsent(doctype + "\u0000" + field, new ConcurrentHashMap<>());
    }

    void wrote(String doctype, String name, Map<String, Object> fields) {
        for (String field : fields.keySet()) {
            Map<String, LongAdder> byName = writes.get(doctype + "\u0000" + field);
            if (byName != null) {
                byName.computeIfAbsent(name, k -> new LongAdder()).increment();
            }
        }
    }

    Map<String, Long> writes(String doctype, String field) {
        Map<String, Long> m = new TreeMap<>();
        writes.getOrDefault(doctype + "\u0000" + field, Map.of()).forEach((name, n) -> m.put(name, n.sum()));
        return m;
    }
}
