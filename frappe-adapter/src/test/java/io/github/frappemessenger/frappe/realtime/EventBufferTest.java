package io.github.frappemessenger.frappe.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender's view of the buffer with a batch in flight: what follows it, without waiting. */
class EventBufferTest {

    private static List<byte[]> texts(String... s) {
        return java.util.Arrays.stream(s).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static List<String> strings(List<byte[]> texts) {
        return texts.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void peekAfterSkipsTheBatchInFlightAndTakesUpToMaxOfWhatFollows() throws Exception {
        EventBuffer buffer = new EventBuffer(10);
        assertTrue(buffer.offerAllOrNothing(texts("a", "b", "c", "d", "e")));

        assertEquals(List.of("a", "b"), strings(buffer.peekBatch(2)));
        assertEquals(List.of("c", "d"), strings(buffer.peekAfter(2, 2)));
        assertEquals(List.of("e"), strings(buffer.peekAfter(4, 2)));
        assertEquals(List.of(), strings(buffer.peekAfter(5, 2)), "nothing behind the batches in flight");

        buffer.removeSent(2); // a and b acknowledged: c is the head now
        assertEquals(List.of("e"), strings(buffer.peekAfter(2, 2)));
        assertEquals(3, buffer.size(), "peeking takes nothing out");
    }

    @Test
    void peekAfterIsEmptyOnceStopped() {
        EventBuffer buffer = new EventBuffer(10);
        assertTrue(buffer.offerAllOrNothing(texts("a", "b", "c")));

        buffer.stop();

        assertEquals(List.of(), buffer.peekAfter(1, 2));
    }
}
