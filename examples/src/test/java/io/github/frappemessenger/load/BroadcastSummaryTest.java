package io.github.frappemessenger.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two client processes' summaries make one: counts (resume counts included) add up, percentiles come from the merged
 * histogram.
 */
class BroadcastSummaryTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void mergesCountsAndHistograms() throws Exception {
        JsonNode a = mapper.readTree("{\"sockets\":2,\"connected\":2,\"expected\":10,\"received\":10,"
                + "\"min_per_socket\":5,\"cpu_s_since_ready\":1.25,\"hist\":{\"1\":9,\"7\":1},\"reconnects\":3,"
                + "\"resumes_recovered\":2,\"replayed\":40,\"resumes_not_recovered\":1,\"duplicates\":0}");
        JsonNode b = mapper.readTree("{\"sockets\":2,\"connected\":2,\"expected\":10,\"received\":9,"
                + "\"min_per_socket\":4,\"cpu_s_since_ready\":0.5,\"hist\":{\"3\":8,\"100\":1},\"reconnects\":1,"
                + "\"resumes_recovered\":1,\"replayed\":7,\"resumes_not_recovered\":0,\"duplicates\":2}");
        JsonNode m = BroadcastSummary.merge(mapper, List.of(a, b));
        assertEquals(4, m.path("sockets").asLong());
        assertEquals(20, m.path("expected").asLong());
        assertEquals(19, m.path("received").asLong());
        assertEquals(1, m.path("lost").asLong());
        assertEquals(4, m.path("min_per_socket").asLong());
        assertEquals(3, m.path("p50_ms").asLong()); // 10th of 19: 9 at 1 ms, then 3 ms
        assertEquals(100, m.path("p99_ms").asLong()); // ceil(19 * 0.99) = 19th: the slowest
        assertEquals(100, m.path("max_ms").asLong());
        assertEquals(1.75, m.path("clients_cpu_s").asDouble());
        assertEquals(4, m.path("reconnects").asLong());
        assertEquals(3, m.path("resumes_recovered").asLong());
        assertEquals(47, m.path("replayed").asLong());
        assertEquals(1, m.path("resumes_not_recovered").asLong());
        assertEquals(2, m.path("duplicates").asLong());
    }
}
