package io.github.frappemessenger.frappe.internal.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.internal.site.LastMessageTimes.WrittenTime;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The last-message times a store compares with instead of reading the conversation (Redis on 127.0.0.1:6379). */
class LastMessageTimesTest {
    private static final LocalDateTime TEN = LocalDateTime.of(2024, 5, 1, 10, 0, 0, 250_000_000);

    private final String site = "times-" + UUID.randomUUID() + ".example.com";
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final RedisLastMessageTimes shared = RedisLastMessageTimes.builder(redis, site).build();
    private final FrappeStandIn frappe = new FrappeStandIn();

    @AfterEach
    void close() {
        frappe.close();
        redis.close();
    }

    @Test
    void redisHoldsTheFrappeTimeUnderASiteKeyForADay() {
        String key = "messenger:last:" + site + ":CONV-1";
        assertEquals(key, shared.redisKey("CONV-1"));

        shared.record("CONV-1", TEN);

        assertEquals("2024-05-01 10:00:00.250000", redis.get(key));
        long ttl = redis.pttl(key);
        assertTrue(ttl > Duration.ofHours(23).toMillis() && ttl <= Duration.ofDays(1).toMillis(), "ttl " + ttl);
        assertEquals(Optional.of(new WrittenTime(TEN)), shared.get("CONV-1"));
        assertEquals(Optional.empty(), shared.get("CONV-2"));
    }

    @Test
    void aNewConversationIsKnownToHaveNoLastMessageUnlessATimeIsKnownAlready() {
        shared.created("CONV-1");
        assertEquals(Optional.of(WrittenTime.NONE), shared.get("CONV-1"));

        shared.record("CONV-2", TEN);
        shared.created("CONV-2");
        assertEquals(Optional.of(new WrittenTime(TEN)), shared.get("CONV-2"));
    }

    @Test
    void forgottenAndUnreadableTimesAreUnknown() {
        shared.record("CONV-1", TEN);
        shared.forget("CONV-1");
        redis.set(shared.redisKey("CONV-2"), "not a time");

        assertEquals(Optional.empty(), shared.get("CONV-1"));
        assertEquals(Optional.empty(), shared.get("CONV-2"));
    }

    @Test
    void withRedisDownReadsAreUnknownWritesAreSkippedButAFailedForgetStopsTheWrite() {
        try (RedisClient down = RedisClient.create("127.0.0.1", 1)) {
            RedisLastMessageTimes times = RedisLastMessageTimes.builder(down, site).build();

            assertEquals(Optional.empty(), times.get("CONV-1"));
            times.record("CONV-1", TEN);
            times.created("CONV-1");
            ConversationLockException e = assertThrows(ConversationLockException.class, () -> times.forget("CONV-1"));
            assertEquals(times.redisKey("CONV-1"), e.key());
        }
    }

    @Test
    void inJvmTimesAreBoundedAndTheOldestIsForgotten() {
        LastMessageTimes times = LastMessageTimes.inJvm(1);
        times.record("CONV-1", TEN);
        times.created("CONV-2");

        assertEquals(Optional.empty(), times.get("CONV-1"));
        assertEquals(Optional.of(WrittenTime.NONE), times.get("CONV-2"));
        assertTrue(WrittenTime.NONE.accepts(null));
        assertTrue(new WrittenTime(TEN).accepts(TEN));
        assertTrue(!new WrittenTime(TEN).accepts(TEN.minusNanos(1000)) && !new WrittenTime(TEN).accepts(null));
    }

    @Test
    void aPutThatFailsLeavesTheTimeUnknownSoTheNextMessageReadsFrappe() {
        FrappeConversationStore store = FrappeConversationStore.builder(frappe.client()).lastMessageTimes(shared)
                .build();
        String name = store.findOrCreate("Facebook", "psid-1").name();
        store.recordLastMessage(name, "first", TEN);
        frappe.failWhen(r -> r.method().equals("PUT"), 500);

        assertThrows(FrappeException.class, () -> store.recordLastMessage(name, "lost?", TEN.plusSeconds(1)));
        assertEquals(Optional.empty(), shared.get(name));
        frappe.heal();
        int before = frappe.requestCount();
        store.recordLastMessage(name, "second", TEN.plusSeconds(2));

        String byName = "/api/resource/Messenger Conversation/" + name;
        assertEquals(List.of("GET " + byName, "PUT " + byName), frappe.requests().subList(before,
                frappe.requestCount()));
        assertEquals(Optional.of(new WrittenTime(TEN.plusSeconds(2))), shared.get(name));
        assertEquals("second", frappe.doc(CONVERSATION, name).get("last_message"));
    }

    @Test
    void anExpiredTimeIsReadFromFrappeOnceAndKnownAgain() {
        FrappeConversationStore store = FrappeConversationStore.builder(frappe.client()).lastMessageTimes(shared)
                .build();
        String name = store.findOrCreate("Facebook", "psid-1").name();
        store.recordLastMessage(name, "first", TEN);
        redis.del(shared.redisKey(name)); // as after a day without messages

        store.recordLastMessage(name, "older", TEN.minusSeconds(1));
        int before = frappe.requestCount();
        store.recordLastMessage(name, "older still", TEN.minusSeconds(2));

        assertEquals(before, frappe.requestCount(), "known again: neither read nor write");
        assertEquals("first", frappe.doc(CONVERSATION, name).get("last_message"));
    }
}
