package io.github.frappemessenger.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the summaries of several client processes of one part (each holds some of the sockets): counts add up,
 * the lowest per-socket count wins, p50/p99/max come from the merged 1 ms latency histograms, and the CPU seconds
 * each process used after its sockets were connected add up to {@code clients_cpu_s}. So do the reconnects and
 * what resuming did: {@code resumes_recovered} (reconnects whose missed events were replayed), {@code replayed}
 * (those events), {@code resumes_not_recovered} (a gap beyond the history) and {@code duplicates} (skipped).
 */
final class BroadcastSummary {
    private BroadcastSummary() {
    }

    private static final List<String> RESUME_COUNTS = List.of("reconnects", "resumes_recovered", "replayed",
            "resumes_not_recovered", "duplicates");

    static ObjectNode merge(ObjectMapper mapper, List<JsonNode> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no client summaries to merge");
        }
        long sockets = 0;
        long connected = 0;
        long expected = 0;
        long received = 0;
        long minPerSocket = Long.MAX_VALUE;
        double cpu = 0;
        TreeMap<Long, Long> hist = new TreeMap<>();
        for (JsonNode p : parts) {
            sockets += p.path("sockets").asLong();
            connected += p.path("connected").asLong();
            expected += p.path("expected").asLong();
            received += p.path("received").asLong();
            minPerSocket = Math.min(minPerSocket, p.path("min_per_socket").asLong());
            cpu += p.path("cpu_s_since_ready").asDouble();
            p.path("hist").fields().forEachRemaining(e -> hist.merge(Long.parseLong(e.getKey()),
                    e.getValue().asLong(), Long::sum));
        }
        ObjectNode r = mapper.createObjectNode();
        r.put("sockets", sockets);
        r.put("connected", connected);
        r.put("expected", expected);
        r.put("received", received);
        r.put("min_per_socket", minPerSocket);
        r.put("lost", expected - received);
        r.put("client_processes", parts.size());
        r.put("ended", parts.stream().map(p -> p.path("ended").asText("?")).distinct().sorted()
                .reduce((a, b) -> a + "+" + b).orElse("?"));
        r.put("clients_cpu_s", Math.round(cpu * 100) / 100.0);
        for (String field : RESUME_COUNTS) {
            r.put(field, parts.stream().mapToLong(p -> p.path(field).asLong()).sum());
        }
        putPercentile(r, "p50_ms", hist, received, 0.5);
        putPercentile(r, "p99_ms", hist, received, 0.99);
        putPercentile(r, "max_ms", hist, received, 1.0);
        return r;
    }

    private static void putPercentile(ObjectNode r, String field, TreeMap<Long, Long> hist, long total, double q) {
        long target = (long) Math.ceil(total * q);
        long seen = 0;
        for (Map.Entry<Long, Long> e : hist.entrySet()) {
            seen += e.getValue();
            if (seen >= target && seen > 0) {
                r.put(field, e.getKey());
                return;
            }
        }
        r.putNull(field);
    }
}
