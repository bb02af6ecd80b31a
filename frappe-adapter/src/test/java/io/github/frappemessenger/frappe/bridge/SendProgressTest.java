package io.github.frappemessenger.frappe.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** /health's "sending": events waiting and none acknowledged for 10 s is down; any progress or an empty buffer up. */
class SendProgressTest {
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SendProgress sending = new SendProgress(pending::get, sent::get, clock);

    private void after(int seconds) {
        now = now.plus(Duration.ofSeconds(seconds));
    }

    @Test
    void aSenderThatGetsNothingThroughIsDownAfterTenSecondsAndUpOnceItDoes() {
        pending.set(176);
        sent.set(160);
        assertThat(sending.getAsBoolean()).as("the first probe that sees events waiting starts the clock").isTrue();
        after(9);
        assertThat(sending.getAsBoolean()).isTrue();
        after(2);
        assertThat(sending.getAsBoolean()).as("nothing acknowledged for 11 s with events waiting").isFalse();

        sent.set(200);
        assertThat(sending.getAsBoolean()).as("acknowledgements again").isTrue();
        pending.set(0);
        after(60);
        assertThat(sending.getAsBoolean()).as("nothing waiting is not a stall").isTrue();
        pending.set(5);
        assertThat(sending.getAsBoolean()).as("a burst after an idle hour: the clock starts now, not at the last probe")
                .isTrue();
    }
}
