package io.github.frappemessenger.frappe.internal.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.FrappeUnavailableException;
import io.github.frappemessenger.frappe.rest.RetryPolicy;
import io.github.frappemessenger.frappe.site.ConversationGoneException;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.frappe.site.SteppingClock;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.testing.StandInRequest;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrappeConversationStoreTest {
    private static final LocalDateTime TEN = LocalDateTime.of(2024, 5, 1, 10, 0, 0, 250_000_000);

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final FrappeConversationStore store = FrappeConversationStore.builder(frappe.client()).build();

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void aNewSenderGetsAConversationInsertedWithSenderAndPlatform() {
        MessengerConversation c = store.findOrCreate("Facebook", "psid-1");

        assertEquals("CONV-1", c.name());
        assertEquals("psid-1", c.senderId());
        assertEquals("Facebook", c.platform());
        assertEquals(List.of("GET /api/resource/Messenger Conversation", "POST /api/resource/Messenger Conversation",
                "GET /api/resource/Messenger Conversation"), frappe.requests());
        Map<String, Object> stored = frappe.all(CONVERSATION).get(0);
        assertEquals("psid-1", stored.get("sender_id"));
        assertEquals("Facebook", stored.get("platform"));
    }

    @Test
    void theSearchAsksForTheOldestConversationOfThatSenderOnThatPlatform() {
        store.find("Instagram", "igsid-7");

        StandInRequest url = frappe.last();
        assertEquals("/api/resource/Messenger%20Conversation", url.encodedPath());
        assertEquals("[[\"sender_id\",\"=\",\"igsid-7\"],[\"platform\",\"=\",\"Instagram\"]]",
                url.query().get("filters"));
        assertEquals("creation asc", url.query().get("order_by"));
        assertEquals("1", url.query().get("limit_page_length"));
        assertEquals("[\"name\",\"sender_id\",\"platform\",\"last_message\",\"last_message_time\",\"block_chat\","
                + "\"status\"]", url.query().get("fields"));
    }

    @Test
    void secondMessageFromTheSameSenderJoinsItsConversation() {
        String first = store.findOrCreate("Facebook", "psid-1").name();

        assertEquals(first, store.findOrCreate("Facebook", "psid-1").name());
        assertEquals(1, frappe.all(CONVERSATION).size());
    }

    @Test
    void theSameSenderOnAnotherPlatformHasItsOwnConversation() {
        String facebook = store.findOrCreate("Facebook", "same-id").name();
        String instagram = store.findOrCreate("Instagram", "same-id").name();

        assertNotEquals(facebook, instagram);
        assertEquals(2, frappe.all(CONVERSATION).size());
    }

    @Test
    void aConversationMadeByAnotherProcessIsFoundNotDuplicated() {
        frappe.seed(CONVERSATION, Map.of("name", "CONV-77", "sender_id", "psid-1", "platform", "Facebook",
                "creation", "2023-01-01 00:00:00"));

        assertEquals("CONV-77", store.findOrCreate("Facebook", "psid-1").name());
        assertEquals(1, frappe.all(CONVERSATION).size());
    }

    @Test
    void findOfAnUnknownSenderIsEmptyAndCreatesNothing() {
        assertTrue(store.find("Facebook", "nobody").isEmpty());
        assertEquals(List.of(), frappe.all(CONVERSATION));
    }

    @Test
    void aCachedConversationDeletedInFrappeIsSearchedAgainAndMadeAnewOnceItsDocIsOlderThanTheTtl() {
        SteppingClock clock = new SteppingClock();
        FrappeConversationStore timed = FrappeConversationStore.builder(frappe.client()).clock(clock).build();
        String first = timed.findOrCreate("Facebook", "psid-1").name();
        frappe.remove(CONVERSATION, first);
        clock.advance(FrappeConversationStore.DEFAULT_CONVERSATION_TTL);
        int before = frappe.requestCount();

        String second = timed.findOrCreate("Facebook", "psid-1").name();

        assertNotEquals(first, second);
        assertEquals(List.of("GET /api/resource/Messenger Conversation/" + first,
                "GET /api/resource/Messenger Conversation", "POST /api/resource/Messenger Conversation",
                "GET /api/resource/Messenger Conversation"), frappe.requests().subList(before, frappe.requestCount()));
    }

    @Test
    void aConversationDeletedWithinTheTtlFailsItsNextWriteOnceAndIsThenMadeAnew() {
        String first = store.findOrCreate("Facebook", "psid-1").name();
        frappe.remove(CONVERSATION, first);
        assertEquals(first, store.findOrCreate("Facebook", "psid-1").name(), "still served from the cache");

        ConversationGoneException e = assertThrows(ConversationGoneException.class,
                () -> store.recordLastMessage(first, "hi", TEN));

        assertTrue(e.getMessage().contains(first), e.getMessage());
        assertNotEquals(first, store.findOrCreate("Facebook", "psid-1").name(), "the 404 dropped the cached entry");
    }

    @Test
    void whenAnotherProcessSlipsInADuplicateTheOldestWinsAndOursIsDeleted() {
        frappe.beforeNextInsert(() -> frappe.seed(CONVERSATION, Map.of("name", "CONV-OLD", "sender_id", "psid-1",
                "platform", "Facebook", "creation", "2023-12-31 23:59:59")));

        MessengerConversation c = store.findOrCreate("Facebook", "psid-1");

        assertEquals("CONV-OLD", c.name());
        assertEquals(List.of("CONV-OLD"), frappe.all(CONVERSATION).stream().map(d -> d.get("name")).toList());
        assertEquals("CONV-OLD", store.findOrCreate("Facebook", "psid-1").name());
    }

    @Test
    void getReadsByNameAndIsEmptyWhenFrappeAnswers404() {
        String name = store.findOrCreate("Facebook", "psid-1").name();

        assertEquals("psid-1", store.get(name).orElseThrow().senderId());
        assertTrue(store.get("CONV-404").isEmpty());
    }

    @Test
    void recordLastMessageWritesTheMessageAndAFrappeDateString() {
        String name = store.findOrCreate("Facebook", "psid-1").name();
        MessengerConversation c = store.recordLastMessage(name, "hello", TEN);

        assertEquals("hello", c.lastMessage());
        assertEquals(TEN, c.lastMessageTime());
        StandInRequest put = frappe.last();
        assertEquals("PUT", put.method());
        assertEquals("/api/resource/Messenger%20Conversation/" + name, put.encodedPath());
        assertEquals("{\"last_message\":\"hello\",\"last_message_time\":\"2024-05-01 10:00:00.250000\"}",
                put.body());
        assertEquals("2024-05-01 10:00:00.250000", frappe.all(CONVERSATION).get(0).get("last_message_time"));
    }

    @Test
    void anOlderMessageNeverMovesTheConversationBackwards() {
        String name = store.findOrCreate("Facebook", "psid-1").name();
        store.recordLastMessage(name, "newer", TEN);
        int before = frappe.requestCount();

        MessengerConversation c = store.recordLastMessage(name, "older", TEN.minusMinutes(1));

        assertEquals("newer", c.lastMessage());
        assertEquals(TEN, c.lastMessageTime());
        assertEquals(List.of(), frappe.requests().subList(before, frappe.requestCount()),
                "compared with the time this store wrote: neither read nor write");
    }

    @Test
    void aMessageAtTheSameTimeAsTheLastOneReplacesIt() {
        String name = store.findOrCreate("Facebook", "psid-1").name();
        store.recordLastMessage(name, "first", TEN);

        assertEquals("second", store.recordLastMessage(name, "second", TEN).lastMessage());
    }

    @Test
    void recordLastMessageOnAMissingConversationSaysItIsGone() {
        ConversationGoneException e = assertThrows(ConversationGoneException.class,
                () -> store.recordLastMessage("CONV-404", "hi", TEN));
        assertTrue(e.getMessage().contains("CONV-404"), e.getMessage());
    }

    @Test
    void aFrappeServerErrorDuringTheSearchPropagatesAsATransientFrappeException() {
        frappe.failWhen(r -> r.method().equals("GET"), 500);

        FrappeException e = assertThrows(FrappeException.class, () -> store.findOrCreate("Facebook", "psid-1"));

        assertEquals(FrappeException.Kind.SERVER, e.kind());
        assertTrue(e.isTransient());
        assertEquals(List.of(), frappe.all(CONVERSATION), "nothing inserted after a failed search");
    }

    @Test
    void anUnreachableFrappePropagatesAsFrappeUnavailable() {
        FrappeClient nowhere = FrappeClient.builder().baseUrl("http://127.0.0.1:1").retryPolicy(RetryPolicy.none())
                .build();
        FrappeConversationStore s = FrappeConversationStore.builder(nowhere).build();

        FrappeUnavailableException e = assertThrows(FrappeUnavailableException.class,
                () -> s.findOrCreate("Facebook", "psid-1"));
        assertTrue(e.isTransient());
    }

    @Test
    void aFailedInsertPropagatesAndTheNextMessageCreatesTheConversation() {
        frappe.failWhen(r -> r.method().equals("POST"), 502);

        FrappeException e = assertThrows(FrappeException.class, () -> store.findOrCreate("Facebook", "psid-1"));
        assertEquals(FrappeException.Kind.SERVER, e.kind());
        frappe.heal();

        assertEquals("CONV-1", store.findOrCreate("Facebook", "psid-1").name());
        assertFalse(frappe.all(CONVERSATION).isEmpty());
    }

    @Test
    void blankPlatformOrSenderIsRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> store.findOrCreate(" ", "psid-1"));
        assertThrows(IllegalArgumentException.class, () -> store.findOrCreate("Facebook", null));
        assertEquals(0, frappe.requestCount());
    }

    @Test
    void senderLockKeysHoldNoSenderIdAndDifferPerSender() {
        String key = FrappeConversationStore.senderKey("WhatsApp", "+15551234567");

        assertTrue(key.startsWith("sender:WhatsApp:"), key);
        assertFalse(key.contains("5551234567"), key);
        assertNotEquals(key, FrappeConversationStore.senderKey("WhatsApp", "+15551234568"));
    }
}
