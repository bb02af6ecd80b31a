package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(buffer.offerAllOrNothing(texts("a", "b", "c", "d", "e"))).isTrue();

        assertThat(strings(buffer.peekBatch(2))).containsExactly("a", "b");
        assertThat(strings(buffer.peekAfter(2, 2))).containsExactly("c", "d");
        assertThat(strings(buffer.peekAfter(4, 2))).containsExactly("e");
        assertThat(strings(buffer.peekAfter(5, 2))).as("nothing behind the batches in flight").isEmpty();

        buffer.removeSent(2); // a and b acknowledged: c is the head now
        assertThat(strings(buffer.peekAfter(2, 2))).containsExactly("e");
        assertThat(buffer.size()).as("peeking takes nothing out").isEqualTo(3);
    }

    @Test
    void peekAfterIsEmptyOnceStopped() {
        EventBuffer buffer = new EventBuffer(10);
        assertThat(buffer.offerAllOrNothing(texts("a", "b", "c"))).isTrue();

        buffer.stop();

        assertThat(buffer.peekAfter(1, 2)).isEmpty();
    }
}
