package io.github.frappemessenger.benchmarks;

import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.inbox.InboxConversation;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.LocalDateTime;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inbox applying the three events of one incoming message (conversation, message, unread) to a list of
 * {@code conversations} rows, and reading the sorted list as a page would after each change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InboxBenchmark {
    @Param({"100", "1000"})
    public int conversations;

    private MessengerInbox inbox;
    private long tick;

    @Setup(Level.Trial)
    public void setUp() {
        inbox = new MessengerInbox();
        for (int i = 0; i < conversations; i++) {
            inbox.upsert(MessengerConversation.start("CONV-" + i, "Messenger", "s" + i)
                    .withLastMessage("m", LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(i)));
        }
        inbox.open("CONV-0", List.of());
    }

    @Benchmark
    public void applyIncomingMessageEvents() {
        long n = tick++;
        String name = "CONV-" + (n % conversations);
        LocalDateTime time = LocalDateTime.of(2026, 2, 1, 0, 0).plusSeconds(n);
        MessengerMessage message = MessengerMessage.fromDoc(Map.of("name", "MSG-" + n, "message", "hi",
                "sender_id", "s", "platform", "Messenger", "message_direction", "Incoming",
                "timestamp", "2026-02-01 00:00:00", "conversation", name));
        inbox.apply(new ConversationUpdate(MessengerConversation.start(name, "Messenger", "s")
                .withLastMessage("hi", time)));
        inbox.apply(new MessageUpdate(message, name));
        inbox.apply(new UnreadUpdate(name, n % 7));
    }

    @Benchmark
    public List<InboxConversation> readSortedList() {
        return inbox.conversations();
    }
}
