package io.github.frappemessenger.benchmarks;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.SaveResult;
import io.github.frappemessenger.embedded.EmbeddedMessenger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same save as {@link JdbcSaveBenchmark#messengerSave} on the in-memory preset, to read the file default's
 * figure against (run both in one JMH run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class InMemorySaveBenchmark {
    private final AtomicLong sequence = new AtomicLong();
    private Messenger messenger;

    /** A fresh store each iteration, so that its growth does not turn into GC time. */
    @Setup(Level.Iteration)
    public void newMessenger() {
        messenger = EmbeddedMessenger.builder().publisher(event -> { }).build().messenger();
    }

    @Benchmark
    public SaveResult inMemorySave() {
        long n = sequence.incrementAndGet();
        return messenger.save(JdbcSaveBenchmark.doc("BENCH-" + n, "sender-" + (n % 1_000)));
    }
}
