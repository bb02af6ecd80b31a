package io.github.frappemessenger.frappe.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.model.MessengerConversation;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConversationCache}: the whole conversation docs {@link FrappeConversationStore} serves from memory, and for
 * how long.
 */
class ConversationCacheTest {
    private static final LocalDateTime TEN = LocalDateTime.of(2024, 5, 1, 10, 0);

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final SteppingClock clock = new SteppingClock();
    private final FrappeConversationStore store = FrappeConversationStore.builder(frappe.client()).clock(clock)
            .build();

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void aChangeMadeInTheDeskIsServedOnceTheCachedDocIsOlderThanTheTtl() {
        String name = store.findOrCreate("Facebook", "psid-1").name();
        Map<String, Object> blocked = frappe.doc(CONVERSATION, name);
        blocked.put("block_chat", 1);
        frappe.save(CONVERSATION, blocked); // an agent blocks the chat in the desk

        clock.advance(FrappeConversationStore.DEFAULT_CONVERSATION_TTL.minusSeconds(1));
        int before = frappe.requestCount();
        assertFalse(store.get(name).orElseThrow().blockChat(), "served from the cache, up to the TTL behind");
        assertEquals(before, frappe.requestCount());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(store.get(name).orElseThrow().blockChat(), "read again once older than the TTL");
        assertEquals(List.of("GET /api/resource/Messenger Conversation/" + name), since(before));
        assertTrue(store.findOrCreate("Facebook", "psid-1").blockChat(), "and cached again");
        assertEquals(1, since(before).size());
    }

    @Test
    void theWholeDocFrappeAnswersToTheInsertAndToEachPutIsWhatTheCacheServes() {
        MessengerConversation created = store.findOrCreate("Facebook", "psid-1");
        assertEquals(frappe.doc(CONVERSATION, created.name()).get("creation"), created.extra().get("creation"));

        store.recordLastMessage(created.name(), "hello", TEN);
        int before = frappe.requestCount();
        MessengerConversation served = store.get(created.name()).orElseThrow();

        assertEquals(List.of(), since(before));
        assertEquals("hello", served.lastMessage());
        assertEquals(TEN, served.lastMessageTime());
        assertEquals(frappe.doc(CONVERSATION, created.name()).get("modified"), served.extra().get("modified"));
    }

    @Test
    void aSearchedSenderIsAnsweredWithTheListRowAndItsWholeDocIsReadForGet() {
        frappe.seed(CONVERSATION, Map.of("name", "CONV-77", "sender_id", "psid-1", "platform", "Facebook",
                "creation", "2023-01-01 00:00:00", "custom_field", "kept"));

        assertNull(store.findOrCreate("Facebook", "psid-1").extra().get("custom_field"), "only the listed fields");
        assertEquals("kept", store.get("CONV-77").orElseThrow().extra().get("custom_field"));
        int before = frappe.requestCount();
        assertEquals("kept", store.findOrCreate("Facebook", "psid-1").extra().get("custom_field"));
        assertEquals(List.of(), since(before));
    }

    @Test
    void aZeroTtlReadsEveryDocFresh() {
        FrappeConversationStore fresh = FrappeConversationStore.builder(frappe.client())
                .conversationTtl(Duration.ZERO).build();
        String name = fresh.findOrCreate("Facebook", "psid-1").name();
        int before = frappe.requestCount();

        fresh.findOrCreate("Facebook", "psid-1");
        fresh.get(name);

        String byName = "GET /api/resource/Messenger Conversation/" + name;
        assertEquals(List.of(byName, byName), since(before));
    }

    @Test
    void aLateAnswerNeverReplacesANewerCachedDoc() {
        ConversationCache cache = new ConversationCache(10, Duration.ofMinutes(1), clock);
        cache.put(doc("CONV-1", "newer", "2024-05-01 10:00:02.000001"));
        cache.put(doc("CONV-1", "older", "2024-05-01 10:00:01.500000"));

        assertEquals("newer", cache.fresh("CONV-1").orElseThrow().lastMessage());
        cache.put(doc("CONV-1", "newest", "2024-05-01 10:00:03"));
        assertEquals("newest", cache.fresh("CONV-1").orElseThrow().lastMessage());
    }

    @Test
    void theCacheKeepsTheSendersOldestConversationAndAtMostItsCapacity() {
        ConversationCache cache = new ConversationCache(2, Duration.ofMinutes(1), clock);
        cache.rememberName("Facebook", "psid-1", "CONV-1");
        cache.put(doc("CONV-9", "a duplicate read by name", "2024-05-01 10:00:00"));
        assertEquals("CONV-1", cache.name("Facebook", "psid-1"));

        cache.put(new MessengerConversation("CONV-2", "psid-2", "Facebook", null, null, false, "Open", Map.of()));
        cache.put(new MessengerConversation("CONV-3", "psid-3", "Facebook", null, null, false, "Open", Map.of()));
        assertEquals(2, cache.senders());
        assertTrue(cache.fresh("CONV-9").isEmpty(), "least recently used out");
    }

    private static MessengerConversation doc(String name, String lastMessage, String modified) {
        return new MessengerConversation(name, "psid-1", "Facebook", lastMessage, null, false, "Open",
                Map.of("modified", modified));
    }

    private List<String> since(int before) {
        return frappe.requests().subList(before, frappe.requestCount());
    }
}
