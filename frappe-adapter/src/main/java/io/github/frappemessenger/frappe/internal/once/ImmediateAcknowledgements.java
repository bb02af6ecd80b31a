package io.github.frappemessenger.frappe.internal.once;

import java.time.Duration;

/**
 * The acknowledgements of a publisher that delivers as it is called (in-process): every mark is acknowledged at once.
 * Open for extension so that a richer confirmation (the webhook's, which adds readiness) reuses these answers.
 */
public class ImmediateAcknowledgements implements Acknowledgements {

    @Override
    public long mark() {
        return 0;
    }

    @Override
    public boolean delivered(long mark) {
        return true;
    }

    @Override
    public boolean awaitDelivered(long mark, Duration timeout) {
        return true;
    }
}
