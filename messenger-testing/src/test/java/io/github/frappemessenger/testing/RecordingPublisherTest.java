package io.github.frappemessenger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecordingPublisherTest {
    @Test
    void keepsWhatWasPublishedInOrderWithItsWireName() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        Thread t = new Thread(() -> publisher.publish(RealtimeEvent.toAll(new UnreadUpdate("CONV-1", 2, 1))));
        t.start();

        assertThat(publisher.awaitCount(1, Duration.ofSeconds(10))).isTrue();
        assertThat(publisher.names()).containsExactly("messenger:unread_update");
        assertThat(publisher.events(UnreadUpdate.class)).extracting(UnreadUpdate::conversationId).containsExactly("CONV-1");
        publisher.clear();
        assertThat(publisher.events()).isEmpty();
    }
}
