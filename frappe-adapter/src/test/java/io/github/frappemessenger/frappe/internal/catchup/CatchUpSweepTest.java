package io.github.frappemessenger.frappe.internal.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.internal.once.OncePerState;
import io.github.frappemessenger.frappe.internal.once.RedisMessageStates;
import io.github.frappemessenger.frappe.internal.site.ProviderMessageIds;
import io.github.frappemessenger.frappe.site.FrappeSite;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.frappe.webhook.MessengerWebhookHooks;
import io.github.frappemessenger.testing.MessengerDocs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The sweep against the Frappe stand-in over loopback and the real Redis: what it repairs, in which order, what an
 * idle sweep costs, and what the shared cursor and lock do across sweepers (each sweeper here is one bridge
 * process's sweep: its own REST client, lifecycle and Redis connection).
 */
class CatchUpSweepTest {
    private static final String MESSAGE = "Messenger Message";

    private final String site = "sweep-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final List<RealtimeEvent> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        redis.close();
        frappe.close();
    }

    private CatchUpSweep.Builder sweeper() {
        FrappeSite frappeSite = FrappeSite.builder(frappe.client(), site).redis(redis).build();
        OncePerState once = new OncePerState(frappeSite.lifecycle(published::add), frappeSite.messages(),
                RedisMessageStates.builder(redis, site).build(), frappeSite.messages()::get);
        return CatchUpSweep.builder(frappe.client(), redis, site, once);
    }

    private static Map<String, Object> incoming(String name, String senderId) {
        return MessengerDocs.message(name).from(senderId).text("hello " + name).build();
    }

    @Test
    void aSweepLinksEveryMessageAndAnnouncesEachStateOnceInModifiedOrderThenIdlesOnOneCall() {
        List<String> saved = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "MSG-" + (7 - i); // names out of order: modified decides
            frappe.save(MESSAGE, incoming(name, "psid-" + (i % 3)));
            saved.add(name);
        }
        CatchUpSweep sweep = sweeper().pageSize(3).build();

        SweepResult first = sweep.sweepNow();

        assertThat(first.complete()).as(first.toString()).isTrue();
        // 7 saved states, then (later pages) the 7 states our own link writes made: nothing more to announce
        assertThat(List.of(first.rows(), first.announced(), first.linked())).isEqualTo(List.of(14, 7, 7));
        assertThat(announcedNames()).as("announced once each, in modified order").isEqualTo(saved);
        assertThat(frappe.all("Messenger Conversation")).hasSize(3);
        assertThat(frappe.all(MESSAGE)).allMatch(m -> m.get("conversation") != null);

        int before = frappe.requestCount();
        SweepResult idle = sweep.sweepNow();
        assertThat(idle.complete()).isTrue();
        assertThat(List.of(idle.restCalls(), idle.rows())).isEqualTo(List.of(1, 0));
        assertThat(frappe.requestCount() - before).as("an idle sweep costs one REST call").isEqualTo(1);
        assertThat(announcedNames()).hasSize(7);
        assertThat(sweep.status().healthy()).isTrue();
        assertThat(sweep.status().lag()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theCursorIsSharedAndSurvivesARestartAndAChangeAfterItIsAnnounced() {
        for (int i = 0; i < 4; i++) {
            frappe.save(MESSAGE, incoming("MSG-" + i, "psid-" + i));
        }
        assertThat(sweeper().build().sweepNow().announced()).isEqualTo(4);

        CatchUpSweep restarted = sweeper().build(); // another process, or this one after a restart
        SweepResult writeBacks = restarted.sweepNow(); // the states the first sweep's link writes made, past its page
        assertThat(List.of(writeBacks.restCalls(), writeBacks.rows(), writeBacks.announced()))
                .isEqualTo(List.of(1, 4, 0));
        SweepResult idle = sweeper().build().sweepNow();
        assertThat(List.of(idle.restCalls(), idle.rows())).isEqualTo(List.of(1, 0));

        Map<String, Object> read = new LinkedHashMap<>(frappe.all(MESSAGE).get(2));
        read.put("is_read", 1);
        frappe.save(MESSAGE, read);
        SweepResult change = restarted.sweepNow();
        assertThat(List.of(change.rows(), change.announced())).isEqualTo(List.of(1, 1));
        assertThat(statusUpdates()).as("4 inserted states and the read one").isEqualTo(5);
    }

    @Test
    void moreTiesAtOneModifiedThanAPageHoldAreAllRead() {
        for (int i = 0; i < 5; i++) {
            Map<String, Object> doc = incoming("TIE-" + i, "psid-tie");
            doc.put("modified", "2024-01-01 00:00:00.500000");
            doc.put("conversation", "CONV-SEEDED");
            frappe.seed(MESSAGE, doc);
        }
        frappe.seed("Messenger Conversation", Map.of("name", "CONV-SEEDED", "sender_id", "psid-tie",
                "platform", "Messenger"));
        CatchUpSweep sweep = sweeper().pageSize(2).build();

        SweepResult result = sweep.sweepNow();

        assertThat(result.complete()).as(result.toString()).isTrue();
        assertThat(result.announced()).isEqualTo(5);
        assertThat(announcedNames()).as("ties by name").isEqualTo(List.of("TIE-0", "TIE-1", "TIE-2", "TIE-3", "TIE-4"));
        SweepResult again = sweep.sweepNow();
        assertThat(again.announced()).isEqualTo(0);
    }

    @Test
    void oneSweeperAtATime() {
        frappe.save(MESSAGE, incoming("MSG-1", "psid-1"));
        redis.set("messenger:lock:" + site + ":catchup", "held-by-another-process");

        SweepResult skipped = sweeper().build().sweepNow();

        assertThat(skipped.complete()).isFalse();
        assertThat(skipped.stoppedBy().orElseThrow()).isEqualTo("another bridge process is sweeping");
        assertThat(frappe.requestCount()).isEqualTo(0);
        redis.del("messenger:lock:" + site + ":catchup");
        assertThat(sweeper().build().sweepNow().announced()).isEqualTo(1);
    }

    @Test
    void withoutACursorTheFirstSweepStartsALookbackBeforeTheNewestMessage() {
        Map<String, Object> old = incoming("MSG-OLD", "psid-1");
        old.put("modified", "2023-12-01 00:00:00");
        frappe.seed(MESSAGE, old);
        frappe.save(MESSAGE, incoming("MSG-NEW", "psid-2"));

        SweepResult result = sweeper().lookback(Duration.ofDays(1)).build().sweepNow();

        assertThat(announcedNames()).isEqualTo(List.of("MSG-NEW"));
        assertThat(result.restCalls()).as("the newest message, then one page").isEqualTo(2);
    }

    @Test
    void aMessageTheLifecycleRefusesIsPassedOverAndTheRestRepaired() {
        Map<String, Object> broken = incoming("MSG-BROKEN", null);
        frappe.save(MESSAGE, broken);
        frappe.save(MESSAGE, incoming("MSG-OK", "psid-1"));

        SweepResult result = sweeper().build().sweepNow();

        assertThat(result.complete()).isTrue();
        assertThat(List.of(result.skipped(), result.announced())).isEqualTo(List.of(1, 1));
        assertThat(announcedNames()).isEqualTo(List.of("MSG-OK"));
    }

    @Test
    void aProvidersRetryOfAnotherMessageIsPassedOverAsTheWebhooksDo() {
        Map<String, Object> first = incoming("MSG-1", "psid-1");
        Map<String, Object> retry = incoming("MSG-2", "psid-1");
        retry.put("message_id", first.get("message_id"));
        frappe.save(MESSAGE, first);
        frappe.save(MESSAGE, retry);

        SweepResult result = sweeper().passOver(MessengerWebhookHooks.providerRetry(ProviderMessageIds.inJvm(100)))
                .build().sweepNow();

        assertThat(List.of(result.announced(), result.skipped())).isEqualTo(List.of(1, 1));
        assertThat(announcedNames()).isEqualTo(List.of("MSG-1"));
        assertThat(frappe.all(MESSAGE).get(1).get("conversation")).as("the retry is not linked").isNull();
    }

    @Test
    void aMessageStillInTheJournalEndsTheSweepThereAndIsTakenUpOnceTheJournalIsDone() {
        for (int i = 1; i <= 3; i++) {
            frappe.save(MESSAGE, incoming("MSG-" + i, "psid-" + i)); // saved in this order: modified decides
        }
        Set<String> journaled = ConcurrentHashMap.newKeySet();
        journaled.add("MSG-2");
        CatchUpSweep sweep = sweeper().deferTo(m -> journaled.contains(m.name())).build();

        SweepResult held = sweep.sweepNow();
        assertThat(held.complete()).as("everything before the journaled row is repaired: " + held).isTrue();
        assertThat(announcedNames()).as("the journal announces MSG-2's states in order first")
                .isEqualTo(List.of("MSG-1"));

        journaled.clear();
        sweep.sweepNow();
        assertThat(announcedNames()).isEqualTo(List.of("MSG-1", "MSG-2", "MSG-3"));
    }

    @Test
    void aPageThatCannotBeReadIsReadAgainInSmallerPages() {
        for (int i = 1; i <= 5; i++) {
            frappe.save(MESSAGE, incoming("MSG-" + i, "psid-" + i));
        }
        // Rows of 1 MiB make a page of 100 too large to arrive in time (or to fit a small heap): here, over 2 rows.
        frappe.failWhen(r -> r.query().get("limit_page_length") != null
                && Integer.parseInt(r.query().get("limit_page_length").toString()) > 2, 503);

        SweepResult result = sweeper().build().sweepNow();

        assertThat(result.complete()).as(result.toString()).isTrue();
        assertThat(announcedNames()).isEqualTo(List.of("MSG-1", "MSG-2", "MSG-3", "MSG-4", "MSG-5"));
    }

    @Test
    void startedItSweepsAtOnceAndThenEveryInterval() throws Exception {
        frappe.save(MESSAGE, incoming("MSG-1", "psid-1"));
        try (CatchUpSweep sweep = sweeper().interval(Duration.ofMillis(200)).build()) {
            assertThat(frappe.requestCount()).as("building starts nothing").isEqualTo(0);
            sweep.start();
            org.awaitility.Awaitility.await().until(() -> announcedNames().size() == 1);
            frappe.save(MESSAGE, incoming("MSG-2", "psid-1"));
            org.awaitility.Awaitility.await().until(() -> announcedNames().size() == 2);
        }
        CatchUpSweep off = sweeper().interval(Duration.ZERO).build().start();
        assertThat(off.status().enabled()).isFalse();
        off.close();
    }

    private List<String> announcedNames() {
        List<String> names = new ArrayList<>();
        for (RealtimeEvent event : published) {
            if (event.event() instanceof MessageUpdate update) {
                names.add(update.message().name());
            }
        }
        return names;
    }

    private long statusUpdates() {
        return published.stream().filter(e -> e.event() instanceof MessageStatusUpdate).count();
    }
}
