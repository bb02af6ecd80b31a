package io.github.frappemessenger.frappe.internal.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.frappe.site.SteppingClock;
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
        assertThat(store.get(name).orElseThrow().blockChat()).as("served from the cache, up to the TTL behind")
                .isFalse();
        assertThat(frappe.requestCount()).isEqualTo(before);

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.get(name).orElseThrow().blockChat()).as("read again once older than the TTL").isTrue();
        assertThat(since(before)).isEqualTo(List.of("GET /api/resource/Messenger Conversation/" + name));
        assertThat(store.findOrCreate("Facebook", "psid-1").blockChat()).as("and cached again").isTrue();
        assertThat(since(before).size()).isEqualTo(1);
    }

    @Test
    void theWholeDocFrappeAnswersToTheInsertAndToEachPutIsWhatTheCacheServes() {
        MessengerConversation created = store.findOrCreate("Facebook", "psid-1");
        assertThat(created.extra().get("creation")).isEqualTo(frappe.doc(CONVERSATION, created.name()).get("creation"));

        store.recordLastMessage(created.name(), "hello", TEN);
        int before = frappe.requestCount();
        MessengerConversation served = store.get(created.name()).orElseThrow();

        assertThat(since(before)).isEmpty();
        assertThat(served.lastMessage()).isEqualTo("hello");
        assertThat(served.lastMessageTime()).isEqualTo(TEN);
        assertThat(served.extra().get("modified")).isEqualTo(frappe.doc(CONVERSATION, created.name()).get("modified"));
    }

    @Test
    void aSearchedSenderIsAnsweredWithTheListRowAndItsWholeDocIsReadForGet() {
        frappe.seed(CONVERSATION, Map.of("name", "CONV-77", "sender_id", "psid-1", "platform", "Facebook",
                "creation", "2023-01-01 00:00:00", "custom_field", "kept"));

        assertThat(store.findOrCreate("Facebook", "psid-1").extra().get("custom_field")).as("only the listed fields")
                .isNull();
        assertThat(store.get("CONV-77").orElseThrow().extra().get("custom_field")).isEqualTo("kept");
        int before = frappe.requestCount();
        assertThat(store.findOrCreate("Facebook", "psid-1").extra().get("custom_field")).isEqualTo("kept");
        assertThat(since(before)).isEmpty();
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
        assertThat(since(before)).isEqualTo(List.of(byName, byName));
    }

    @Test
    void aLateAnswerNeverReplacesANewerCachedDoc() {
        ConversationCache cache = new ConversationCache(10, Duration.ofMinutes(1), clock);
        cache.put(doc("CONV-1", "newer", "2024-05-01 10:00:02.000001"));
        cache.put(doc("CONV-1", "older", "2024-05-01 10:00:01.500000"));

        assertThat(cache.fresh("CONV-1").orElseThrow().lastMessage()).isEqualTo("newer");
        cache.put(doc("CONV-1", "newest", "2024-05-01 10:00:03"));
        assertThat(cache.fresh("CONV-1").orElseThrow().lastMessage()).isEqualTo("newest");
    }

    @Test
    void theCacheKeepsTheSendersOldestConversationAndAtMostItsCapacity() {
        ConversationCache cache = new ConversationCache(2, Duration.ofMinutes(1), clock);
        cache.rememberName("Facebook", "psid-1", "CONV-1");
        cache.put(doc("CONV-9", "a duplicate read by name", "2024-05-01 10:00:00"));
        assertThat(cache.name("Facebook", "psid-1")).isEqualTo("CONV-1");

        cache.put(new MessengerConversation("CONV-2", "psid-2", "Facebook", null, null, false, "Open", Map.of()));
        cache.put(new MessengerConversation("CONV-3", "psid-3", "Facebook", null, null, false, "Open", Map.of()));
        assertThat(cache.senders()).isEqualTo(2);
        assertThat(cache.fresh("CONV-9")).as("least recently used out").isEmpty();
    }

    private static MessengerConversation doc(String name, String lastMessage, String modified) {
        return new MessengerConversation(name, "psid-1", "Facebook", lastMessage, null, false, "Open",
                Map.of("modified", modified));
    }

    private List<String> since(int before) {
        return frappe.requests().subList(before, frappe.requestCount());
    }
}
