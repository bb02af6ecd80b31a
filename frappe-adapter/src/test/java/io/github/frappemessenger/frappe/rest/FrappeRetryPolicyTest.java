package io.github.frappemessenger.frappe.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class FrappeRetryPolicyTest {

    @Test
    void defaultsAreThreeAttemptsFrom100msUpTo2s() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertEquals(3, policy.maxAttempts());
        assertEquals(Duration.ofMillis(100), policy.baseBackoff());
        assertEquals(Duration.ofSeconds(2), policy.maxBackoff());
        assertEquals(Duration.ofSeconds(5), policy.maxRetryAfter());
        assertEquals(1, RetryPolicy.none().maxAttempts());
    }

    @Test
    void withoutJitterTheBackoffDoublesUpToTheCap() {
        RetryPolicy policy = RetryPolicy.defaults().withJitter(0);

        assertEquals(Duration.ofMillis(100), policy.backoff(1));
        assertEquals(Duration.ofMillis(200), policy.backoff(2));
        assertEquals(Duration.ofMillis(1600), policy.backoff(5));
        assertEquals(Duration.ofSeconds(2), policy.backoff(6));
        assertEquals(Duration.ofSeconds(2), policy.backoff(1_000));
    }

    @Test
    void jitterTakesOffAtMostItsShareAndVaries() {
        RetryPolicy policy = RetryPolicy.defaults().withJitter(0.5);
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < 500; i++) {
            long ms = policy.backoff(2).toNanos();
            smallest = Math.min(smallest, ms);
            largest = Math.max(largest, ms);
        }

        assertTrue(smallest >= Duration.ofMillis(100).toNanos(), "smallest " + smallest);
        assertTrue(largest <= Duration.ofMillis(200).toNanos(), "largest " + largest);
        assertTrue(largest > smallest, "jitter should vary the pause");
    }

    @Test
    void retryAfterIsHonouredUpToItsCap() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertEquals(Duration.ofSeconds(1), policy.retryAfter(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(5), policy.retryAfter(Duration.ofSeconds(120)));
        assertEquals(Duration.ZERO, policy.retryAfter(Duration.ofSeconds(-3)));
    }

    @Test
    void retryAfterHeaderIsReadAsSecondsOrAnHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));

        assertEquals(Duration.ofSeconds(3), FrappeTransport.retryAfter("3"));
        Duration fromDate = FrappeTransport.retryAfter(inTenSeconds);
        assertTrue(fromDate.compareTo(Duration.ofSeconds(8)) > 0 && fromDate.compareTo(Duration.ofSeconds(11)) < 0,
                String.valueOf(fromDate));
        assertNull(FrappeTransport.retryAfter("soon"));
        assertNull(FrappeTransport.retryAfter(null));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withMaxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withJitter(1.5));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().backoff(0));
    }
}
