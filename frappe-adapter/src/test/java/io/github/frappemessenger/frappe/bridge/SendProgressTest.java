package io.github.frappemessenger.frappe.bridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(sending.getAsBoolean(), "the first probe that sees events waiting starts the clock");
        after(9);
        assertTrue(sending.getAsBoolean());
        after(2);
        assertFalse(sending.getAsBoolean(), "nothing acknowledged for 11 s with events waiting");

        sent.set(200);
        assertTrue(sending.getAsBoolean(), "acknowledgements again");
        pending.set(0);
        after(60);
        assertTrue(sending.getAsBoolean(), "nothing waiting is not a stall");
        pending.set(5);
        assertTrue(sending.getAsBoolean(), "a burst after an idle hour: the clock starts now, not at the last probe");
    }
}
