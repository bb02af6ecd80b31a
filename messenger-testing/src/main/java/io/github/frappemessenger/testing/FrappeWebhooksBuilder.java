package io.github.frappemessenger.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configures {@link FrappeWebhooks}: where the deliveries go (needed to send, not to prepare), the secret (without one, no signature
 * header, as with Enable Security off), the DocType (default Messenger Message), and — for tests that cannot wait —
 * the timeout and sleeps (default Frappe's: 5 s, then 1 s and 4 s). Each setter checks its argument. Not thread-safe.
 */
public final class FrappeWebhooksBuilder {
    private final Function<FrappeWebhooksBuilder, FrappeWebhooks> factory;
    String secret;
    String docType = FrappeStandIn.MESSAGE;
    Duration timeout = FrappeWebhooks.TIMEOUT;
    List<Duration> sleeps = FrappeWebhooks.SLEEPS;
    Function<FrappeWebhooks.Delivery, URI> router;

    FrappeWebhooksBuilder(Function<FrappeWebhooksBuilder, FrappeWebhooks> factory) {
        this.factory = factory;
    }

    /** The Webhook's secret: each body is signed with it. */
    public FrappeWebhooksBuilder secret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret must not be empty");
        }
        this.secret = secret;
        return this;
    }

    public FrappeWebhooksBuilder docType(String docType) {
        this.docType = Objects.requireNonNull(docType, "docType");
        return this;
    }

    /** Every delivery to {@code base} + the doc event, e.g. {@code http://127.0.0.1:8000/webhooks/frappe/}. */
    public FrappeWebhooksBuilder target(URI base) {
        Objects.requireNonNull(base, "base");
        if (!base.getPath().endsWith("/")) {
            throw new IllegalArgumentException("the webhook base URL must end with '/' (the doc event follows): " + base);
        }
        return router(d -> base);
    }

    /** Each try to the base {@code router} picks for it (several bridges, a bridge that moves). */
    public FrappeWebhooksBuilder router(Function<FrappeWebhooks.Delivery, URI> router) {
        this.router = Objects.requireNonNull(router, "router");
        return this;
    }

    public FrappeWebhooksBuilder timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /** The sleeps after the first and the second failed try (Frappe: 1 s and 4 s); three tries in all. */
    public FrappeWebhooksBuilder sleeps(Duration afterFirst, Duration afterSecond) {
        for (Duration d : new Duration[] {afterFirst, afterSecond}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("a sleep must be zero or more, got " + d);
            }
        }
        this.sleeps = List.of(afterFirst, afterSecond);
        return this;
    }

    /** Without a target or router, the webhooks can {@code prepare} deliveries but not send them. */
    public FrappeWebhooks build() {
        return factory.apply(this);
    }
}
