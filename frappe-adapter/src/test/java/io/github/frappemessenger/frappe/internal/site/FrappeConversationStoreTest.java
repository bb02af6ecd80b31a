package io.github.frappemessenger.frappe.internal.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        assertThat(c.name()).isEqualTo("CONV-1");
        assertThat(c.senderId()).isEqualTo("psid-1");
        assertThat(c.platform()).isEqualTo("Facebook");
        assertThat(frappe.requests()).isEqualTo(List.of("GET /api/resource/Messenger Conversation",
                "POST /api/resource/Messenger Conversation", "GET /api/resource/Messenger Conversation"));
        Map<String, Object> stored = frappe.all(CONVERSATION).get(0);
        assertThat(stored.get("sender_id")).isEqualTo("psid-1");
        assertThat(stored.get("platform")).isEqualTo("Facebook");
    }

    @Test
    void theSearchAsksForTheOldestConversationOfThatSenderOnThatPlatform() {
        store.find("Instagram", "igsid-7");

        StandInRequest url = frappe.last();
        assertThat(url.encodedPath()).isEqualTo("/api/resource/Messenger%20Conversation");
        assertThat(url.query().get("filters"))
                .isEqualTo("[[\"sender_id\",\"=\",\"igsid-7\"],[\"platform\",\"=\",\"Instagram\"]]");
        assertThat(url.query().get("order_by")).isEqualTo("creation asc");
        assertThat(url.query().get("limit_page_length")).isEqualTo("1");
        assertThat(url.query().get("fields"))
                .isEqualTo("[\"name\",\"sender_id\",\"platform\",\"last_message\",\"last_message_time\",\"block_chat\","
                + "\"status\"]");
    }

    @Test
    void secondMessageFromTheSameSenderJoinsItsConversation() {
        String first = store.findOrCreate("Facebook", "psid-1").name();

        assertThat(store.findOrCreate("Facebook", "psid-1").name()).isEqualTo(first);
        assertThat(frappe.all(CONVERSATION)).hasSize(1);
    }

    @Test
    void theSameSenderOnAnotherPlatformHasItsOwnConversation() {
        String facebook = store.findOrCreate("Facebook", "same-id").name();
        String instagram = store.findOrCreate("Instagram", "same-id").name();

        assertThat(instagram).isNotEqualTo(facebook);
        assertThat(frappe.all(CONVERSATION)).hasSize(2);
    }

    @Test
    void aConversationMadeByAnotherProcessIsFoundNotDuplicated() {
        frappe.seed(CONVERSATION, Map.of("name", "CONV-77", "sender_id", "psid-1", "platform", "Facebook",
                "creation", "2023-01-01 00:00:00"));

        assertThat(store.findOrCreate("Facebook", "psid-1").name()).isEqualTo("CONV-77");
        assertThat(frappe.all(CONVERSATION)).hasSize(1);
    }

    @Test
    void findOfAnUnknownSenderIsEmptyAndCreatesNothing() {
        assertThat(store.find("Facebook", "nobody")).isEmpty();
        assertThat(frappe.all(CONVERSATION)).isEmpty();
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

        assertThat(second).isNotEqualTo(first);
        assertThat(frappe.requests().subList(before, frappe.requestCount()))
                .isEqualTo(List.of("GET /api/resource/Messenger Conversation/" + first,
                "GET /api/resource/Messenger Conversation", "POST /api/resource/Messenger Conversation",
                "GET /api/resource/Messenger Conversation"));
    }

    @Test
    void aConversationDeletedWithinTheTtlFailsItsNextWriteOnceAndIsThenMadeAnew() {
        String first = store.findOrCreate("Facebook", "psid-1").name();
        frappe.remove(CONVERSATION, first);
        assertThat(store.findOrCreate("Facebook", "psid-1").name()).as("still served from the cache").isEqualTo(first);

        ConversationGoneException e = assertThatExceptionOfType(ConversationGoneException.class)
                .isThrownBy(() -> store.recordLastMessage(first, "hi", TEN)).actual();

        assertThat(e.getMessage()).contains(first);
        assertThat(store.findOrCreate("Facebook", "psid-1").name())
                .as("the 404 dropped the cached entry").isNotEqualTo(first);
    }

    @Test
    void whenAnotherProcessSlipsInADuplicateTheOldestWinsAndOursIsDeleted() {
        frappe.beforeNextInsert(() -> frappe.seed(CONVERSATION, Map.of("name", "CONV-OLD", "sender_id", "psid-1",
                "platform", "Facebook", "creation", "2023-12-31 23:59:59")));

        MessengerConversation c = store.findOrCreate("Facebook", "psid-1");

        assertThat(c.name()).isEqualTo("CONV-OLD");
        assertThat(frappe.all(CONVERSATION).stream().map(d -> d.get("name")).toList()).isEqualTo(List.of("CONV-OLD"));
        assertThat(store.findOrCreate("Facebook", "psid-1").name()).isEqualTo("CONV-OLD");
    }

    @Test
    void getReadsByNameAndIsEmptyWhenFrappeAnswers404() {
        String name = store.findOrCreate("Facebook", "psid-1").name();

        assertThat(store.get(name).orElseThrow().senderId()).isEqualTo("psid-1");
        assertThat(store.get("CONV-404")).isEmpty();
    }

    @Test
    void recordLastMessageWritesTheMessageAndAFrappeDateString() {
        String name = store.findOrCreate("Facebook", "psid-1").name();
        MessengerConversation c = store.recordLastMessage(name, "hello", TEN);

        assertThat(c.lastMessage()).isEqualTo("hello");
        assertThat(c.lastMessageTime()).isEqualTo(TEN);
        StandInRequest put = frappe.last();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.encodedPath()).isEqualTo("/api/resource/Messenger%20Conversation/" + name);
        assertThat(put.body())
                .isEqualTo("{\"last_message\":\"hello\",\"last_message_time\":\"2024-05-01 10:00:00.250000\"}");
        assertThat(frappe.all(CONVERSATION).get(0).get("last_message_time")).isEqualTo("2024-05-01 10:00:00.250000");
    }

    @Test
    void anOlderMessageNeverMovesTheConversationBackwards() {
        String name = store.findOrCreate("Facebook", "psid-1").name();
        store.recordLastMessage(name, "newer", TEN);
        int before = frappe.requestCount();

        MessengerConversation c = store.recordLastMessage(name, "older", TEN.minusMinutes(1));

        assertThat(c.lastMessage()).isEqualTo("newer");
        assertThat(c.lastMessageTime()).isEqualTo(TEN);
        assertThat(frappe.requests().subList(before, frappe.requestCount()))
                .as("compared with the time this store wrote: neither read nor write").isEmpty();
    }

    @Test
    void aMessageAtTheSameTimeAsTheLastOneReplacesIt() {
        String name = store.findOrCreate("Facebook", "psid-1").name();
        store.recordLastMessage(name, "first", TEN);

        assertThat(store.recordLastMessage(name, "second", TEN).lastMessage()).isEqualTo("second");
    }

    @Test
    void recordLastMessageOnAMissingConversationSaysItIsGone() {
        ConversationGoneException e = assertThatExceptionOfType(ConversationGoneException.class)
                .isThrownBy(() -> store.recordLastMessage("CONV-404", "hi", TEN)).actual();
        assertThat(e.getMessage()).contains("CONV-404");
    }

    @Test
    void aFrappeServerErrorDuringTheSearchPropagatesAsATransientFrappeException() {
        frappe.failWhen(r -> r.method().equals("GET"), 500);

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> store.findOrCreate("Facebook", "psid-1")).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.SERVER);
        assertThat(e.isTransient()).isTrue();
        assertThat(frappe.all(CONVERSATION)).as("nothing inserted after a failed search").isEmpty();
    }

    @Test
    void anUnreachableFrappePropagatesAsFrappeUnavailable() {
        FrappeClient nowhere = FrappeClient.builder().baseUrl("http://127.0.0.1:1").retryPolicy(RetryPolicy.none())
                .build();
        FrappeConversationStore s = FrappeConversationStore.builder(nowhere).build();

        FrappeUnavailableException e = assertThatExceptionOfType(FrappeUnavailableException.class)
                .isThrownBy(() -> s.findOrCreate("Facebook", "psid-1")).actual();
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void aFailedInsertPropagatesAndTheNextMessageCreatesTheConversation() {
        frappe.failWhen(r -> r.method().equals("POST"), 502);

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> store.findOrCreate("Facebook", "psid-1")).actual();
        assertThat(e.kind()).isEqualTo(FrappeException.Kind.SERVER);
        frappe.heal();

        assertThat(store.findOrCreate("Facebook", "psid-1").name()).isEqualTo("CONV-1");
        assertThat(frappe.all(CONVERSATION)).isNotEmpty();
    }

    @Test
    void blankPlatformOrSenderIsRefusedBeforeAnyCall() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> store.findOrCreate(" ", "psid-1"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> store.findOrCreate("Facebook", null));
        assertThat(frappe.requestCount()).isEqualTo(0);
    }

    @Test
    void senderLockKeysHoldNoSenderIdAndDifferPerSender() {
        String key = FrappeConversationStore.senderKey("WhatsApp", "+15551234567");

        assertThat(key).startsWith("sender:WhatsApp:");
        assertThat(key).doesNotContain("5551234567");
        assertThat(FrappeConversationStore.senderKey("WhatsApp", "+15551234568")).isNotEqualTo(key);
    }
}
