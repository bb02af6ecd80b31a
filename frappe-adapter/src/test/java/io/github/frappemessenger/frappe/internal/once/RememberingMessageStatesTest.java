package io.github.frappemessenger.frappe.internal.once;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemoryMessageStore;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.internal.once.OncePerState.Outcome;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.MessengerDocs;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Redis losing its data (a restart without persistence, here the record's key deleted) does not make a process
 * announce again the states it announced itself. Records live in the shared Redis on 6379 under a site name of this
 * test's own; nothing is flushed or stopped.
 */
class RememberingMessageStatesTest {
    private final String site = "remember-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final RedisMessageStates inRedis = RedisMessageStates.builder(redis, site).build();
    private final InMemoryMessageStore stored = new InMemoryMessageStore();
    private final List<RealtimeEvent> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        redis.del(inRedis.key("MSG-1"));
        redis.close();
    }

    private OncePerState once(MessageStates states) {
        MessengerLifecycle lifecycle = MessengerLifecycle.builder().conversationStore(new InMemoryConversationStore())
                .messageStore(stored).realtimePublisher(published::add).errorLog(new InMemoryErrorLog())
                .settingsSource(new InMemorySettings()).build();
        return new OncePerState(lifecycle, stored, states, null);
    }

    @Test
    void aStateAnnouncedBeforeRedisLostItsDataIsNotAnnouncedAgain() {
        OncePerState once = once(MessageStates.rememberingLocally(inRedis, 100));
        MessengerMessage state = state();

        assertThat(once.onUpdate(state)).isEqualTo(Outcome.ANNOUNCED);
        redis.del(inRedis.key("MSG-1"));

        assertThat(once.catchUp(state)).isEqualTo(Outcome.DONE_BEFORE);
        assertThat(messageUpdates()).isEqualTo(1);
    }

    @Test
    void withoutTheLocalCopyTheSameLossAnnouncesTwice() {
        OncePerState once = once(inRedis);
        MessengerMessage state = state();

        assertThat(once.onUpdate(state)).isEqualTo(Outcome.ANNOUNCED);
        redis.del(inRedis.key("MSG-1"));

        assertThat(once.catchUp(state)).isEqualTo(Outcome.ANNOUNCED);
        assertThat(messageUpdates()).isEqualTo(2);
    }

    @Test
    void theSharedRecordWinsWhenRedisHasOne() {
        MessageStates states = MessageStates.rememberingLocally(inRedis, 100);
        MessageRecord mine = MessageRecord.EMPTY.withNewest("2026-11-20 10:00:00.000001");
        MessageRecord theirs = MessageRecord.EMPTY.withNewest("2026-11-20 10:00:09.000001");

        states.write("MSG-1", mine);
        inRedis.write("MSG-1", theirs); // another bridge process moved on

        assertThat(states.read("MSG-1")).isEqualTo(theirs);
    }

    private long messageUpdates() {
        return published.stream().map(RealtimeEvent::event).filter(MessageUpdate.class::isInstance).count();
    }

    private MessengerMessage state() {
        MessengerMessage message = MessengerMessage.fromDoc(MessengerDocs.message("MSG-1").from("psid-1")
                .set("modified", "2026-11-20 10:00:00.000001").build());
        stored.save(message);
        return message;
    }
}
