package io.github.frappemessenger.benchmarks;

import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.internal.EventJson;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Writing the Redis JSON of each messenger event, as the emitter does for every event. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventJsonBenchmark {
    private final EventJson json = new EventJson();
    private final MessengerConversation conversation = MessengerConversation.start("CONV-1", "Messenger", "42")
            .withLastMessage("hello", LocalDateTime.of(2026, 11, 20, 10, 0));
    private final MessengerMessage message = MessengerMessage.fromDoc(Map.of("name", "MSG-1", "message", "hello",
            "sender_id", "42", "platform", "Messenger", "message_direction", "Incoming",
            "timestamp", "2026-11-20 10:00:00", "conversation", "CONV-1", "content_type", "text"));
    private final RealtimeEvent conversationUpdate = RealtimeEvent.toAll(new ConversationUpdate(conversation));
    private final RealtimeEvent messageUpdate = RealtimeEvent.toAll(new MessageUpdate(message, "CONV-1"));
    private final RealtimeEvent unreadUpdate = RealtimeEvent.toAll(new UnreadUpdate("CONV-1", 3));

    @Benchmark
    public String conversationUpdate() {
        return json.toRedisJson(conversationUpdate, "crm.local");
    }

    @Benchmark
    public String messageUpdate() {
        return json.toRedisJson(messageUpdate, "crm.local");
    }

    @Benchmark
    public String unreadUpdate() {
        return json.toRedisJson(unreadUpdate, "crm.local");
    }
}
