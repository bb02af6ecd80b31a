package io.github.frappemessenger.frappe.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.internal.site.FrappeConversationStore;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.MessengerDocs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/**
 * REST round trips per incoming message through the lifecycle (validate + on_update), counted at the Frappe
 * stand-in: to resolve the conversation (cold: a new sender; warm: a known one), and in all, with the in-JVM lock and
 * with Redis (whose lease spares a new sender the re-read). The numbers are the ones docs/frappe-ports.md reports; a
 * change that adds a call fails here.
 */
class RoundTripsTest {
    private static final String CONV_1 = "/api/resource/Messenger Conversation/CONV-1";

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final SteppingClock clock = new SteppingClock();
    private final String siteName = "trips-" + UUID.randomUUID() + ".example.com";

    @AfterEach
    void stop() {
        frappe.close();
        redis.close();
    }

    private FrappeSite site(boolean withRedis) {
        FrappeSite.Builder b = FrappeSite.builder(frappe.client(), siteName).clock(clock)
                .settingsTtl(Duration.ofHours(1)); // so that moving the clock counts only conversation reads
        FrappeSite site = (withRedis ? b.redis(redis) : b).build();
        site.settings().current(); // read once per TTL, not per message
        return site;
    }

    @Test
    void aKnownSenderCostsNoRoundTripToResolveUntilItsDocIsOlderThanTheTtl() {
        FrappeSite site = site(false);
        int cold = trips(() -> site.conversations().findOrCreate("Facebook", "psid-1"));
        int warm = trips(() -> site.conversations().findOrCreate("Facebook", "psid-1"));
        clock.advance(FrappeConversationStore.DEFAULT_CONVERSATION_TTL);
        int stale = trips(() -> site.conversations().findOrCreate("Facebook", "psid-1"));

        System.out.printf("conversation resolution: cold %d, warm %d, after the TTL %d REST round trips%n",
                cold, warm, stale);
        assertThat(cold).as("search, insert, re-read").isEqualTo(3);
        assertThat(warm).isEqualTo(0);
        assertThat(lastRequests(stale)).as("by name, no search").isEqualTo(List.of("GET " + CONV_1));
    }

    @ParameterizedTest(name = "redis={0}")
    @ValueSource(booleans = {false, true})
    void aWholeIncomingMessageCostsFourRoundTripsColdWithRedisFiveWithoutAndTwoWarm(boolean withRedis) {
        Handler handler = new Handler(site(withRedis));
        int cold = trips(() -> handler.handle(incoming("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00")));
        List<String> coldCalls = lastRequests(cold);
        int warm = trips(() -> handler.handle(incoming("MSG-2", "psid-1", "again", "2024-05-01 10:00:05")));
        List<String> warmCalls = lastRequests(warm);

        System.out.printf("per incoming message (validate + on_update, redis=%s): cold %d %s%n  warm %d %s%n",
                withRedis, cold, coldCalls, warm, warmCalls);
        List<String> expectedCold = new ArrayList<>(List.of(
                "GET /api/resource/Messenger Conversation",                // search the new sender
                "POST /api/resource/Messenger Conversation",               // insert its conversation
                "GET /api/resource/Messenger Conversation",                // re-read: no duplicate
                "PUT " + CONV_1,                                           // last message: known to be none
                "GET /api/method/frappe.client.get_count"));               // on_update: unread count
        if (withRedis) {
            expectedCold.remove(2); // the Redis lock's lease proves the insert alone: no re-read
        }
        assertThat(coldCalls).isEqualTo(expectedCold);
        assertThat(warmCalls).isEqualTo(List.of(
                "PUT " + CONV_1,                                           // last message: newer than the known one
                "GET /api/method/frappe.client.get_count"));    // conversation for the event: cached
        assertThat(frappe.doc(FrappeStandIn.CONVERSATION, "CONV-1").get("last_message")).isEqualTo("again");
    }

    @Test
    void onceTheCachedDocIsOlderThanTheTtlAWarmMessageReadsItOnceMore() {
        Handler handler = new Handler(site(false));
        handler.handle(incoming("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));
        clock.advance(Duration.ofMinutes(5));

        int warm = trips(() -> handler.handle(incoming("MSG-2", "psid-1", "again", "2024-05-01 10:05:00")));

        assertThat(lastRequests(warm))
                .isEqualTo(List.of("GET " + CONV_1, "PUT " + CONV_1, "GET /api/method/frappe.client.get_count"));
    }

    /** A restarted process knows no doc; with Redis it still knows the last message time, without Redis it reads. */
    @ParameterizedTest(name = "redis={0}")
    @ValueSource(booleans = {false, true})
    void aRestartedBridgeSearchesTheSenderAndReadsTheLastMessageTimeOnlyWithoutRedis(boolean withRedis) {
        new Handler(site(withRedis)).handle(incoming("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));
        Handler restarted = new Handler(site(withRedis));

        int trips = trips(() -> restarted.handle(incoming("MSG-2", "psid-1", "again", "2024-05-01 10:00:05")));

        List<String> expected = withRedis
                ? List.of("GET /api/resource/Messenger Conversation", "PUT " + CONV_1,
                        "GET /api/method/frappe.client.get_count")
                : List.of("GET /api/resource/Messenger Conversation", "GET " + CONV_1, "PUT " + CONV_1,
                        "GET /api/method/frappe.client.get_count");
        assertThat(lastRequests(trips)).isEqualTo(expected);
    }

    /** validate, store (straight into the stand-in, as Frappe would), on_update. */
    private final class Handler {
        private final MessengerLifecycle lifecycle;

        Handler(FrappeSite site) {
            this.lifecycle = site.lifecycle(event -> { });
        }

        void handle(MessengerMessage message) {
            MessengerMessage validated = lifecycle.validate(message);
            frappe.seed(MessengerMessage.DOCTYPE, validated.toDoc());
            assertThat(lifecycle.onUpdate(validated).failure()).isEmpty();
        }
    }

    private int trips(Runnable work) {
        int before = frappe.requestCount();
        work.run();
        return frappe.requestCount() - before;
    }

    private List<String> lastRequests(int n) {
        List<String> all = frappe.requests();
        return all.subList(all.size() - n, all.size());
    }

    /** An incoming message as a webhook hands it over (no conversation yet). */
    private static MessengerMessage incoming(String name, String senderId, String text, String timestamp) {
        return MessengerMessage.fromDoc(MessengerDocs.message(name).from(senderId).text(text).at(timestamp)
                .platform("Facebook").build());
    }
}
