package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class FrappeRetryPolicyTest {

    @Test
    void defaultsAreThreeAttemptsFrom100msUpTo2s() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.maxAttempts()).isEqualTo(3);
        assertThat(policy.baseBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void withoutJitterTheBackoffDoublesUpToTheCap() {
        RetryPolicy policy = RetryPolicy.defaults().withJitter(0);

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy.backoff(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(1_000)).isEqualTo(Duration.ofSeconds(2));
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

        assertThat(smallest).as("smallest").isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(largest).as("largest").isLessThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(largest).as("jitter should vary the pause").isGreaterThan(smallest);
    }

    @Test
    void retryAfterIsHonouredUpToItsCap() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.retryAfter(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.retryAfter(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.retryAfter(Duration.ofSeconds(-3))).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterHeaderIsReadAsSecondsOrAnHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));

        assertThat(FrappeTransport.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(FrappeTransport.retryAfter(inTenSeconds))
                .isStrictlyBetween(Duration.ofSeconds(8), Duration.ofSeconds(11));
        assertThat(FrappeTransport.retryAfter("soon")).isNull();
        assertThat(FrappeTransport.retryAfter(null)).isNull();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> RetryPolicy.defaults().withJitter(1.5));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RetryPolicy.defaults().backoff(0));
    }
}
