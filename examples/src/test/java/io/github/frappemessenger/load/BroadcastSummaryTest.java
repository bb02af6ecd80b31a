package io.github.frappemessenger.load;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(m.path("sockets").asLong()).isEqualTo(4);
        assertThat(m.path("expected").asLong()).isEqualTo(20);
        assertThat(m.path("received").asLong()).isEqualTo(19);
        assertThat(m.path("lost").asLong()).isEqualTo(1);
        assertThat(m.path("min_per_socket").asLong()).isEqualTo(4);
        assertThat(m.path("p50_ms").asLong()).isEqualTo(3); // 10th of 19: 9 at 1 ms, then 3 ms
        assertThat(m.path("p99_ms").asLong()).isEqualTo(100); // ceil(19 * 0.99) = 19th: the slowest
        assertThat(m.path("max_ms").asLong()).isEqualTo(100);
        assertThat(m.path("clients_cpu_s").asDouble()).isEqualTo(1.75);
        assertThat(m.path("reconnects").asLong()).isEqualTo(4);
        assertThat(m.path("resumes_recovered").asLong()).isEqualTo(3);
        assertThat(m.path("replayed").asLong()).isEqualTo(47);
        assertThat(m.path("resumes_not_recovered").asLong()).isEqualTo(1);
        assertThat(m.path("duplicates").asLong()).isEqualTo(2);
    }
}
