package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.frappe.webhook.RecentDeliveries.ClaimOutcome;
import io.github.frappemessenger.frappe.webhook.RecentDeliveries.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecentDeliveriesTest {

    private static Key key(String name) {
        return new Key("Messenger Message", name, "2026-11-20 10:00:00", "on_update");
    }

    @Test
    void aKeyIsClaimedOnceThenInProgressThenDone() {
        RecentDeliveries recent = new RecentDeliveries(10);

        assertThat(recent.claim(key("A"))).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(recent.claim(key("A"))).isEqualTo(ClaimOutcome.IN_PROGRESS);
        recent.succeeded(key("A"));
        assertThat(recent.claim(key("A"))).isEqualTo(ClaimOutcome.DONE);
    }

    @Test
    void aFailedKeyCanBeClaimedAgain() {
        RecentDeliveries recent = new RecentDeliveries(10);
        recent.claim(key("A"));
        recent.failed(key("A"));

        assertThat(recent.claim(key("A"))).isEqualTo(ClaimOutcome.CLAIMED);
    }

    @Test
    void itNeverHoldsMoreThanItsCapacityAndForgetsTheLeastRecentlySeen() {
        RecentDeliveries recent = new RecentDeliveries(2);
        for (String name : List.of("A", "B")) {
            recent.claim(key(name));
            recent.succeeded(key(name));
        }
        recent.claim(key("A")); // seen again: B is now the least recently seen
        recent.claim(key("C"));
        recent.succeeded(key("C"));

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.claim(key("A"))).isEqualTo(ClaimOutcome.DONE);
        assertThat(recent.claim(key("C"))).isEqualTo(ClaimOutcome.DONE);
        assertThat(recent.claim(key("B"))).isEqualTo(ClaimOutcome.CLAIMED);
    }

    @Test
    void ofManyThreadsClaimingOneKeyExactlyOneWins() throws Exception {
        int threads = 50;
        RecentDeliveries recent = new RecentDeliveries(10);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ClaimOutcome>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return recent.claim(key("A"));
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<ClaimOutcome> claim : claims) {
                if (claim.get(30, TimeUnit.SECONDS) == ClaimOutcome.CLAIMED) {
                    won++;
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new RecentDeliveries(0));
    }
}
