package io.github.frappemessenger.frappe.site;

import static io.github.frappemessenger.frappe.site.IncomingMessages.incoming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * REST round trips per incoming message, counted at the Frappe stand-in: to resolve the conversation (cold: a new
 * sender; warm: a known one), and in all for validate + on_update. The numbers are the ones docs/frappe-ports.md
 * reports; a change that adds a call fails here.
 */
class RoundTripsTest {
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final FrappeSite site = FrappeSite.builder(frappe.client(), "crm.example.com").build();
    private final MessengerLifecycle lifecycle = site.lifecycle(event -> { });

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void aKnownSenderCostsOneRoundTripToResolveAndANewOneThree() {
        int cold = trips(() -> site.conversations().findOrCreate("Facebook", "psid-1"));
        int warm = trips(() -> site.conversations().findOrCreate("Facebook", "psid-1"));

        System.out.printf("conversation resolution: cold %d, warm %d REST round trips%n", cold, warm);
        assertEquals(3, cold, "search, insert, re-read");
        assertTrue(warm <= 1, "warm resolution took " + warm);
        assertEquals(List.of("GET /api/resource/Messenger Conversation/CONV-1"), lastRequests(warm));
    }

    @Test
    void aWholeIncomingMessageCostsSevenRoundTripsColdAndFiveWarm() {
        site.settings().current(); // read once per 30 s, not per message
        int cold = trips(() -> handle(incoming("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00")));
        List<String> coldCalls = lastRequests(cold);
        int warm = trips(() -> handle(incoming("MSG-2", "psid-1", "again", "2024-05-01 10:00:05")));
        List<String> warmCalls = lastRequests(warm);

        System.out.printf("per incoming message (validate + on_update): cold %d %s%n  warm %d %s%n",
                cold, coldCalls, warm, warmCalls);
        assertEquals(7, cold, coldCalls.toString());
        assertEquals(List.of(
                "GET /api/resource/Messenger Conversation/CONV-1",         // resolve the known sender
                "GET /api/resource/Messenger Conversation/CONV-1",         // recordLastMessage: read under the lock
                "PUT /api/resource/Messenger Conversation/CONV-1",         //   and move it forward
                "GET /api/resource/Messenger Conversation/CONV-1",         // on_update: conversation for the event
                "GET /api/method/frappe.client.get_count"), warmCalls);    // unread count
    }

    /** validate, store (straight into the stand-in, as Frappe would), on_update. */
    private void handle(MessengerMessage message) {
        MessengerMessage validated = lifecycle.validate(message);
        frappe.seed(MessengerMessage.DOCTYPE, validated.toDoc());
        assertTrue(lifecycle.onUpdate(validated).failure().isEmpty());
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
}
