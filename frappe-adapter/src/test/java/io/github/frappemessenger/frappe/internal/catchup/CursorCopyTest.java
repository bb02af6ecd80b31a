package io.github.frappemessenger.frappe.internal.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.internal.once.OncePerState;
import io.github.frappemessenger.frappe.internal.once.RedisMessageStates;
import io.github.frappemessenger.frappe.site.FrappeSite;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.testing.MessengerDocs;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * Redis loses its data (a restart without persistence): the shared cursor and the once-records are gone. With its
 * local cursor copy the sweep repeats nothing it had done and still repairs what changed since. Only this test's own
 * keys (a site name of its own) are deleted from the shared Redis; nothing is flushed.
 */
class CursorCopyTest {
    private static final String MESSAGE = "Messenger Message";

    @TempDir
    Path dir;

    private final String site = "copy-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final RedisMessageStates states = RedisMessageStates.builder(redis, site).build();
    private final List<RealtimeEvent> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        loseRedisData();
        redis.close();
        frappe.close();
    }

    private CatchUpSweep sweeper() {
        FrappeSite frappeSite = FrappeSite.builder(frappe.client(), site).redis(redis).build();
        OncePerState once = new OncePerState(frappeSite.lifecycle(published::add), frappeSite.messages(), states,
                frappeSite.messages()::get);
        return CatchUpSweep.builder(frappe.client(), redis, site, once).cursorCopy(dir.resolve("cursor.json")).build();
    }

    private void loseRedisData() {
        redis.del("messenger:catchup:" + site + ":cursor", "messenger:catchup:" + site + ":completed");
        for (int i = 1; i <= 4; i++) {
            redis.del(states.key("MSG-" + i));
        }
    }

    private List<String> announced() {
        return published.stream().map(RealtimeEvent::event).filter(MessageUpdate.class::isInstance)
                .map(e -> ((MessageUpdate) e).message().name()).toList();
    }

    @Test
    void afterRedisLostItsDataTheSweepResumesFromItsCopyInsteadOfAnnouncingTheLookbackAgain() {
        for (int i = 1; i <= 3; i++) {
            frappe.save(MESSAGE, MessengerDocs.message("MSG-" + i).from("psid-" + i).build());
        }
        sweeper().sweepNow();
        sweeper().sweepNow(); // the states our link writes made: nothing to announce
        assertThat(announced()).isEqualTo(List.of("MSG-1", "MSG-2", "MSG-3"));

        loseRedisData();
        frappe.save(MESSAGE, MessengerDocs.message("MSG-4").from("psid-4").build()); // missed while Redis was away
        sweeper().sweepNow();

        assertThat(announced()).as("only what changed since").isEqualTo(List.of("MSG-1", "MSG-2", "MSG-3", "MSG-4"));
    }
}
