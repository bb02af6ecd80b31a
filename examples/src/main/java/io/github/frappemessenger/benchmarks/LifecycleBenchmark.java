package io.github.frappemessenger.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The core lifecycle on the embedded default: one save (validate, store, on_update with its events) of an
 * incoming message from one of {@code senders} contacts. Events go to a publisher that hands them to a Blackhole,
 * so the figure is the lifecycle's own cost. Run with {@code -prof gc} for allocation per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LifecycleBenchmark {
    @Param({"1000"})
    public int senders;

    private EmbeddedMessenger messenger;
    private Map<String, Object>[] docs;
    private long sequence;
    private final ObjectMapper json = new ObjectMapper();

    /** A fresh messenger each iteration, so that the store's growth over a whole run does not turn into GC time. */
    @Setup(Level.Iteration)
    public void newMessenger(Blackhole blackhole) {
        messenger = EmbeddedMessenger.builder().publisher(blackhole::consume).build();
    }

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        docs = new Map[senders];
        for (int i = 0; i < senders; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("message", "hello from sender " + i);
            doc.put("sender_id", "sender-" + i);
            doc.put("timestamp", "2026-11-20 10:00:00");
            doc.put("message_direction", "Incoming");
            doc.put("is_read", 0);
            doc.put("content_type", "text");
            doc.put("status", "received");
            doc.put("platform", "Messenger");
            docs[i] = doc;
        }
    }

    /**
     * Baseline, measured in the same run: writing the same incoming doc as JSON once with Jackson, the least any
     * handler of a webhook or a socket does with a message. The lifecycle's figure reads as a multiple of it.
     */
    @Benchmark
    public String baselineWriteDocAsJson() throws Exception {
        long n = sequence++;
        return json.writeValueAsString(docs[(int) (n % senders)]);
    }

    /** A new message each time (insert path): validate, store, three events plus the status event. */
    @Benchmark
    public MessengerMessage saveIncomingMessage() {
        long n = sequence++;
        Map<String, Object> doc = new LinkedHashMap<>(docs[(int) (n % senders)]);
        doc.put("name", "MSG-" + n);
        return messenger.save(doc);
    }
}
