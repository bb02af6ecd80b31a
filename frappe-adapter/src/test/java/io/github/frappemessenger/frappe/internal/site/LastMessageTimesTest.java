package io.github.frappemessenger.frappe.internal.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.frappe.internal.site.LastMessageTimes.WrittenTime;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
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
        assertThat(shared.redisKey("CONV-1")).isEqualTo(key);

        shared.record("CONV-1", TEN);

        assertThat(redis.get(key)).isEqualTo("2024-05-01 10:00:00.250000");
        long ttl = redis.pttl(key);
        assertThat(ttl).as("ttl " + ttl).isGreaterThan(Duration.ofHours(23).toMillis())
                .isLessThanOrEqualTo(Duration.ofDays(1).toMillis());
        assertThat(shared.get("CONV-1")).contains(new WrittenTime(TEN));
        assertThat(shared.get("CONV-2")).isEmpty();
    }

    @Test
    void aNewConversationIsKnownToHaveNoLastMessageUnlessATimeIsKnownAlready() {
        shared.created("CONV-1");
        assertThat(shared.get("CONV-1")).contains(WrittenTime.NONE);

        shared.record("CONV-2", TEN);
        shared.created("CONV-2");
        assertThat(shared.get("CONV-2")).contains(new WrittenTime(TEN));
    }

    @Test
    void forgottenAndUnreadableTimesAreUnknown() {
        shared.record("CONV-1", TEN);
        shared.forget("CONV-1");
        redis.set(shared.redisKey("CONV-2"), "not a time");

        assertThat(shared.get("CONV-1")).isEmpty();
        assertThat(shared.get("CONV-2")).isEmpty();
    }

    @Test
    void withRedisDownReadsAreUnknownWritesAreSkippedButAFailedForgetStopsTheWrite() {
        try (RedisClient down = RedisClient.create("127.0.0.1", 1)) {
            RedisLastMessageTimes times = RedisLastMessageTimes.builder(down, site).build();

            assertThat(times.get("CONV-1")).isEmpty();
            times.record("CONV-1", TEN);
            times.created("CONV-1");
            ConversationLockException e = assertThatExceptionOfType(ConversationLockException.class)
                    .isThrownBy(() -> times.forget("CONV-1")).actual();
            assertThat(e.key()).isEqualTo(times.redisKey("CONV-1"));
        }
    }

    @Test
    void inJvmTimesAreBoundedAndTheOldestIsForgotten() {
        LastMessageTimes times = LastMessageTimes.inJvm(1);
        times.record("CONV-1", TEN);
        times.created("CONV-2");

        assertThat(times.get("CONV-1")).isEmpty();
        assertThat(times.get("CONV-2")).contains(WrittenTime.NONE);
        assertThat(WrittenTime.NONE.accepts(null)).isTrue();
        assertThat(new WrittenTime(TEN).accepts(TEN)).isTrue();
        assertThat(new WrittenTime(TEN).accepts(TEN.minusNanos(1000))).isFalse();
        assertThat(new WrittenTime(TEN).accepts(null)).isFalse();
    }

    @Test
    void aPutThatFailsLeavesTheTimeUnknownSoTheNextMessageReadsFrappe() {
        FrappeConversationStore store = FrappeConversationStore.builder(frappe.client()).lastMessageTimes(shared)
                .build();
        String name = store.findOrCreate("Facebook", "psid-1").name();
        store.recordLastMessage(name, "first", TEN);
        frappe.failWhen(r -> r.method().equals("PUT"), 500);

        assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> store.recordLastMessage(name, "lost?", TEN.plusSeconds(1)));
        assertThat(shared.get(name)).isEmpty();
        frappe.heal();
        int before = frappe.requestCount();
        store.recordLastMessage(name, "second", TEN.plusSeconds(2));

        String byName = "/api/resource/Messenger Conversation/" + name;
        assertThat(frappe.requests().subList(before, frappe.requestCount()))
                .isEqualTo(List.of("GET " + byName, "PUT " + byName));
        assertThat(shared.get(name)).contains(new WrittenTime(TEN.plusSeconds(2)));
        assertThat(frappe.doc(CONVERSATION, name).get("last_message")).isEqualTo("second");
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

        assertThat(frappe.requestCount()).as("known again: neither read nor write").isEqualTo(before);
        assertThat(frappe.doc(CONVERSATION, name).get("last_message")).isEqualTo("first");
    }
}
