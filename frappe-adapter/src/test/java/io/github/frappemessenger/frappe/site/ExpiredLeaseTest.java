package io.github.frappemessenger.frappe.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.frappe.internal.site.FrappeConversationStore;
import io.github.frappemessenger.frappe.internal.site.RedisConversationLock;
import io.github.frappemessenger.internal.Sha256;
import io.github.frappemessenger.testing.StandInAnswer;
import io.github.frappemessenger.testing.StandInRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * A new sender's re-read for a duplicate is left out only while the Redis lock's lease proves its holder alone
 * (docs/frappe-ports.md); these tests take the lease away — it runs out mid-insert, or an earlier holder is still at
 * work — and check that the re-read comes back and the site ends with one conversation. Real Redis, the Frappe
 * stand-in over real HTTP.
 */
class ExpiredLeaseTest {
    private static final String SEARCH_OR_REREAD = "GET /api/resource/" + CONVERSATION;
    private static final String INSERT = "POST /api/resource/" + CONVERSATION;

    private final String site = "lease-" + UUID.randomUUID() + ".example.com";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RedisClient redisA = RedisClient.create("127.0.0.1", 6379);
    private final RedisClient redisB = RedisClient.create("127.0.0.1", 6379);

    @AfterEach
    void close() {
        frappe.close();
        redisA.close();
        redisB.close();
    }

    private FrappeConversationStore bridge(RedisClient redis, Duration ttl) {
        RedisConversationLock lock = RedisConversationLock.builder(redis, site).ttl(ttl)
                .maxWait(Duration.ofSeconds(30)).build();
        return FrappeConversationStore.builder(frappe.client()).lock(lock).build();
    }

    @Test
    void underALeaseThatLastsANewSenderIsSearchedAndInsertedWithoutAReRead() {
        FrappeConversationStore store = bridge(redisA, Duration.ofSeconds(15));

        String name = store.findOrCreate("Facebook", "psid-1").name();

        assertThat(frappe.requests()).containsExactly(SEARCH_OR_REREAD, INSERT);
        assertThat(frappe.all(CONVERSATION).stream().map(d -> d.get("name")).toList()).containsExactly(name);
    }

    @Test
    void aLeaseThatRanOutBeforeTheInsertAnsweredKeepsTheReRead() {
        RedisConversationLock lock = RedisConversationLock.builder(redisA, site).ttl(Duration.ofMillis(200)).build();
        FrappeConversationStore store = FrappeConversationStore.builder(frappe.client()).lock(lock).build();
        String lockKey = lock.redisKey("sender:Facebook:" + Sha256.hex("psid-1", 16));
        // The insert is held until Redis has let the sender's lock expire.
        frappe.beforeNextInsert(() -> await().atMost(Duration.ofSeconds(10)).until(() -> !redisA.exists(lockKey)));

        String name = store.findOrCreate("Facebook", "psid-1").name();

        assertThat(frappe.requests()).containsExactly(SEARCH_OR_REREAD, INSERT, SEARCH_OR_REREAD);
        assertThat(frappe.all(CONVERSATION).stream().map(d -> d.get("name")).toList()).containsExactly(name);
    }

    /**
     * A's lock runs out while its insert is on its way; B takes the lock and searches before A's insert lands, then
     * inserts after it, so A's is the older. B's own lease is fresh, but A is still listed as at work, so B reads
     * again, finds A's and deletes its own. (With the lease's TTL alone as proof, B would skip the re-read and keep a
     * second conversation: A's re-read may come before B's insert, and A keeps the older one.)
     */
    @Test
    void whoTakesTheLockFromAHolderStillAtWorkReadsAgainAndBothEndOnTheOlderConversation() throws Exception {
        FrappeConversationStore bridgeA = bridge(redisA, Duration.ofMillis(300));
        FrappeConversationStore bridgeB = bridge(redisB, Duration.ofSeconds(15));
        CountDownLatch aInsertArrived = new CountDownLatch(1);
        CountDownLatch bSearched = new CountDownLatch(1);
        CountDownLatch aInserted = new CountDownLatch(1);
        AtomicInteger searches = new AtomicInteger();
        AtomicInteger inserts = new AtomicInteger();
        frappe.kit.addInterceptor((request, chain) -> {
            String call = call(request);
            if (call.equals(INSERT) && inserts.incrementAndGet() == 1) { // A's
                aInsertArrived.countDown();
                awaitLatch(bSearched);
                StandInAnswer answer = chain.proceed(request);
                aInserted.countDown();
                return answer;
            }
            if (call.equals(INSERT)) { // B's, once A's has landed
                awaitLatch(aInserted);
            }
            StandInAnswer answer = chain.proceed(request);
            if (call.equals(SEARCH_OR_REREAD) && searches.incrementAndGet() == 2) { // B's search
                bSearched.countDown();
            }
            return answer;
        });

        CompletableFuture<String> a = CompletableFuture.supplyAsync(
                () -> bridgeA.findOrCreate("Facebook", "psid-1").name());
        assertThat(aInsertArrived.await(30, TimeUnit.SECONDS)).as("A's insert reached the site").isTrue();
        String b = bridgeB.findOrCreate("Facebook", "psid-1").name(); // waits for A's lock to expire
        String fromA = a.get(30, TimeUnit.SECONDS);

        assertThat(frappe.all(CONVERSATION).stream().map(d -> d.get("name")).toList())
                .as("one conversation: A's, the older").containsExactly("CONV-1");
        assertThat(fromA).isEqualTo("CONV-1");
        assertThat(b).isEqualTo("CONV-1");
        assertThat(inserts.get()).isEqualTo(2);
        assertThat(frappe.requests().stream().filter(SEARCH_OR_REREAD::equals).count())
                .as("two searches and two re-reads: " + frappe.requests()).isEqualTo(4);
    }

    private static String call(StandInRequest request) {
        List<String> path = request.path();
        return path.size() == 3 && path.get(1).equals("resource") && path.get(2).equals(CONVERSATION)
                ? request.method() + " /api/resource/" + CONVERSATION : "";
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the race never came to the step this test waits for");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
