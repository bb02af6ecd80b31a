package io.github.frappemessenger.frappe.internal.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemoryMessageStore;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.internal.once.OncePerState.Outcome;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * A state is recorded as announced only once its events are acknowledged: the crash window between publishing and
 * Redis's acknowledgement loses nothing, and a retry in the same process does not announce twice. Records live in
 * the shared Redis on 6379 under a site name of this test's own (nothing is flushed or stopped).
 */
class AnnouncedAfterAckTest {
    private final String site = "ack-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final RedisMessageStates states = RedisMessageStates.builder(redis, site).build();
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryMessageStore stored = new InMemoryMessageStore();

    @AfterEach
    void close() {
        redis.del(states.key("MSG-1"));
        redis.close();
    }

    /** One bridge process: its own publisher (what it handed over) and its own acknowledgements. */
    private final class Process {
        final List<RealtimeEvent> published = new CopyOnWriteArrayList<>();
        final AtomicBoolean acknowledging = new AtomicBoolean(true);
        final OncePerState once;

        Process() {
            MessengerLifecycle lifecycle = MessengerLifecycle.builder().conversationStore(conversations)
                    .messageStore(stored).realtimePublisher(published::add).errorLog(new InMemoryErrorLog())
                    .settingsSource(new InMemorySettings()).build();
            once = new OncePerState(lifecycle, stored, states, null).confirmedBy(new Acknowledgements() {
                @Override
                public long mark() {
                    return published.size();
                }

                @Override
                public boolean delivered(long mark) {
                    return acknowledging.get();
                }

                @Override
                public boolean awaitDelivered(long mark, Duration timeout) {
                    return acknowledging.get();
                }
            }, Duration.ofMillis(50));
        }

        /** The message_update events heard for MSG-1, by is_read. */
        List<Boolean> announced() {
            return published.stream().map(RealtimeEvent::event).filter(MessageUpdate.class::isInstance)
                    .map(e -> ((MessageUpdate) e).message().isRead()).toList();
        }
    }

    private MessengerMessage state(String modified, boolean read) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "MSG-1");
        doc.put("modified", modified);
        doc.put("message_id", "mid-1");
        doc.put("message", "hello");
        doc.put("sender_id", "psid-1");
        doc.put("timestamp", "2026-11-20 10:00:00");
        doc.put("message_direction", "Incoming");
        doc.put("conversation", null);
        doc.put("is_read", read ? 1 : 0);
        doc.put("content_type", "text");
        doc.put("platform", "Messenger");
        MessengerMessage message = MessengerMessage.fromDoc(doc);
        stored.save(message);
        return message;
    }

    @Test
    void aStateIsAnnouncedOnceAndItsRepeatsAndOlderStatesNever() {
        Process bridge = new Process();
        MessengerMessage first = state("2026-11-20 10:00:00.000001", false);
        MessengerMessage read = state("2026-11-20 10:00:05.000001", true);

        assertThat(bridge.once.onUpdate(first)).isEqualTo(Outcome.ANNOUNCED);
        assertThat(bridge.once.onUpdate(read)).isEqualTo(Outcome.ANNOUNCED);
        assertThat(bridge.once.onUpdate(read)).isEqualTo(Outcome.DONE_BEFORE);
        assertThat(bridge.once.onUpdate(first)).isEqualTo(Outcome.DONE_BEFORE);
        assertThat(bridge.once.catchUp(read)).isEqualTo(Outcome.DONE_BEFORE);

        assertThat(bridge.announced()).isEqualTo(List.of(false, true));
        assertThat(states.read("MSG-1").newest()).isEqualTo("2026-11-20 10:00:05.000001");
    }

    @Test
    void killedBeforeRedisAcknowledgedTheRestartedProcessAnnouncesTheStateExactlyOnce() {
        MessengerMessage state = state("2026-11-20 10:00:00.000001", false);
        Process killed = new Process();
        killed.acknowledging.set(false); // handed to the emitter, never acknowledged: then SIGKILL

        assertThatExceptionOfType(AnnounceUnconfirmedException.class).isThrownBy(() -> killed.once.onUpdate(state));
        assertThat(states.read("MSG-1").fingerprint()).as("not recorded as announced before the acknowledgement")
                .isNull();

        Process restarted = new Process(); // the journal replays the delivery; the killed one's events are gone
        assertThat(restarted.once.onUpdate(state)).isEqualTo(Outcome.ANNOUNCED);
        assertThat(restarted.once.onUpdate(state)).isEqualTo(Outcome.DONE_BEFORE);
        assertThat(new Process().once.onUpdate(state)).isEqualTo(Outcome.DONE_BEFORE); // another process, or a replay

        assertThat(restarted.announced()).as("announced exactly once in the final state").isEqualTo(List.of(false));
    }

    @Test
    void aRetryInTheSameProcessWaitsForTheFirstTrysEventsInsteadOfAnnouncingAgain() {
        MessengerMessage state = state("2026-11-20 10:00:00.000001", false);
        Process bridge = new Process();
        bridge.acknowledging.set(false); // Redis slow or away

        assertThatExceptionOfType(AnnounceUnconfirmedException.class).isThrownBy(() -> bridge.once.onUpdate(state));
        assertThatExceptionOfType(AnnounceUnconfirmedException.class).isThrownBy(() -> bridge.once.onUpdate(state));
        bridge.acknowledging.set(true);
        assertThat(bridge.once.onUpdate(state)).isEqualTo(Outcome.ANNOUNCED);
        assertThat(bridge.once.onUpdate(state)).isEqualTo(Outcome.DONE_BEFORE);

        assertThat(bridge.announced()).isEqualTo(List.of(false));
    }

    @Test
    void contentRevertedWhileTheNewerAnnouncementWaitsIsAnnouncedAgain() {
        Process bridge = new Process();
        assertThat(bridge.once.onUpdate(state("2026-11-20 10:00:00.000001", false))).isEqualTo(Outcome.ANNOUNCED);
        bridge.acknowledging.set(false);
        MessengerMessage read = state("2026-11-20 10:00:05.000001", true);
        assertThatExceptionOfType(AnnounceUnconfirmedException.class).isThrownBy(() -> bridge.once.onUpdate(read));
        bridge.acknowledging.set(true);

        // The sweep meets a later save that put is_read back: the content recorded last, but not the one announced last.
        assertThat(bridge.once.catchUp(state("2026-11-20 10:00:09.000001", false)))
                .isEqualTo(Outcome.ANNOUNCED);

        assertThat(bridge.announced()).isEqualTo(List.of(false, true, false));
    }
}
