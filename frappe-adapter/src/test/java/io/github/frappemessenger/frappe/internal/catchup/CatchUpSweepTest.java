package io.github.frappemessenger.frappe.internal.catchup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertTrue(first.complete(), first.toString());
        // 7 saved states, then (later pages) the 7 states our own link writes made: nothing more to announce
        assertEquals(List.of(14, 7, 7), List.of(first.rows(), first.announced(), first.linked()));
        assertEquals(saved, announcedNames(), "announced once each, in modified order");
        assertEquals(3, frappe.all("Messenger Conversation").size());
        assertTrue(frappe.all(MESSAGE).stream().allMatch(m -> m.get("conversation") != null));

        int before = frappe.requestCount();
        SweepResult idle = sweep.sweepNow();
        assertTrue(idle.complete());
        assertEquals(List.of(1, 0), List.of(idle.restCalls(), idle.rows()));
        assertEquals(1, frappe.requestCount() - before, "an idle sweep costs one REST call");
        assertEquals(7, announcedNames().size());
        assertTrue(sweep.status().healthy());
        assertTrue(sweep.status().lag().compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void theCursorIsSharedAndSurvivesARestartAndAChangeAfterItIsAnnounced() {
        for (int i = 0; i < 4; i++) {
            frappe.save(MESSAGE, incoming("MSG-" + i, "psid-" + i));
        }
        assertEquals(4, sweeper().build().sweepNow().announced());

        CatchUpSweep restarted = sweeper().build(); // another process, or this one after a restart
        SweepResult writeBacks = restarted.sweepNow(); // the states the first sweep's link writes made, past its page
        assertEquals(List.of(1, 4, 0), List.of(writeBacks.restCalls(), writeBacks.rows(), writeBacks.announced()));
        SweepResult idle = sweeper().build().sweepNow();
        assertEquals(List.of(1, 0), List.of(idle.restCalls(), idle.rows()));

        Map<String, Object> read = new LinkedHashMap<>(frappe.all(MESSAGE).get(2));
        read.put("is_read", 1);
        frappe.save(MESSAGE, read);
        SweepResult change = restarted.sweepNow();
        assertEquals(List.of(1, 1), List.of(change.rows(), change.announced()));
        assertEquals(5, statusUpdates(), "4 inserted states and the read one");
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

        assertTrue(result.complete(), result.toString());
        assertEquals(5, result.announced());
        assertEquals(List.of("TIE-0", "TIE-1", "TIE-2", "TIE-3", "TIE-4"), announcedNames(), "ties by name");
        SweepResult again = sweep.sweepNow();
        assertEquals(0, again.announced());
    }

    @Test
    void oneSweeperAtATime() {
        frappe.save(MESSAGE, incoming("MSG-1", "psid-1"));
        redis.set("messenger:lock:" + site + ":catchup", "held-by-another-process");

        SweepResult skipped = sweeper().build().sweepNow();

        assertFalse(skipped.complete());
        assertEquals("another bridge process is sweeping", skipped.stoppedBy().orElseThrow());
        assertEquals(0, frappe.requestCount());
        redis.del("messenger:lock:" + site + ":catchup");
        assertEquals(1, sweeper().build().sweepNow().announced());
    }

    @Test
    void withoutACursorTheFirstSweepStartsALookbackBeforeTheNewestMessage() {
        Map<String, Object> old = incoming("MSG-OLD", "psid-1");
        old.put("modified", "2023-12-01 00:00:00");
        frappe.seed(MESSAGE, old);
        frappe.save(MESSAGE, incoming("MSG-NEW", "psid-2"));

        SweepResult result = sweeper().lookback(Duration.ofDays(1)).build().sweepNow();

        assertEquals(List.of("MSG-NEW"), announcedNames());
        assertEquals(2, result.restCalls(), "the newest message, then one page");
    }

    @Test
    void aMessageTheLifecycleRefusesIsPassedOverAndTheRestRepaired() {
        Map<String, Object> broken = incoming("MSG-BROKEN", null);
        frappe.save(MESSAGE, broken);
        frappe.save(MESSAGE, incoming("MSG-OK", "psid-1"));

        SweepResult result = sweeper().build().sweepNow();

        assertTrue(result.complete());
        assertEquals(List.of(1, 1), List.of(result.skipped(), result.announced()));
        assertEquals(List.of("MSG-OK"), announcedNames());
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

        assertEquals(List.of(1, 1), List.of(result.announced(), result.skipped()));
        assertEquals(List.of("MSG-1"), announcedNames());
        assertEquals(null, frappe.all(MESSAGE).get(1).get("conversation"), "the retry is not linked");
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
        assertTrue(held.complete(), "everything before the journaled row is repaired: " + held);
        assertEquals(List.of("MSG-1"), announcedNames(), "the journal announces MSG-2's states in order first");

        journaled.clear();
        sweep.sweepNow();
        assertEquals(List.of("MSG-1", "MSG-2", "MSG-3"), announcedNames());
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

        assertTrue(result.complete(), result.toString());
        assertEquals(List.of("MSG-1", "MSG-2", "MSG-3", "MSG-4", "MSG-5"), announcedNames());
    }

    @Test
    void startedItSweepsAtOnceAndThenEveryInterval() throws Exception {
        frappe.save(MESSAGE, incoming("MSG-1", "psid-1"));
        try (CatchUpSweep sweep = sweeper().interval(Duration.ofMillis(200)).build()) {
            assertEquals(0, frappe.requestCount(), "building starts nothing");
            sweep.start();
            org.awaitility.Awaitility.await().until(() -> announcedNames().size() == 1);
            frappe.save(MESSAGE, incoming("MSG-2", "psid-1"));
            org.awaitility.Awaitility.await().until(() -> announcedNames().size() == 2);
        }
        CatchUpSweep off = sweeper().interval(Duration.ZERO).build().start();
        assertFalse(off.status().enabled());
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
