package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.model.MessengerSettings;
import io.github.frappemessenger.port.SettingsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single doc Messenger Settings, read with {@code GET /api/resource/Messenger Settings/Messenger Settings} and
 * cached for a TTL (30 s by default), so a change made in the desk takes effect within that time.
 *
 * <ul>
 *   <li>A site without the doc (404) counts as enabled, as Frappe gives a Single's defaults.</li>
 *   <li>When Frappe is unavailable (no answer, 5xx or 429) and a value was read before, that value is served, with a
 *       WARN, and the next read is tried one TTL later. With no value yet, the {@link FrappeException} propagates;
 *       so do other errors (401, 403...), which retrying will not mend.</li>
 * </ul>
 * Thread-safe: one thread refreshes at a time while the others keep the value they have (or, before the first value,
 * wait for it).
 */
public final class FrappeSettingsSource implements SettingsSource {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(FrappeSettingsSource.class);
    private static final String DOCTYPE = MessengerSettings.DOCTYPE;

    private record Snapshot(MessengerSettings settings, Instant readAt, Instant expiresAt) {
    }

    private final FrappeClient frappe;
    private final Duration ttl;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Snapshot snapshot;

    private FrappeSettingsSource(Builder b) {
        this.frappe = b.frappe;
        this.ttl = b.ttl;
        this.clock = b.clock;
    }

    public static Builder builder(FrappeClient frappe) {
        return new Builder(frappe);
    }

    @Override
    public MessengerSettings current() {
        Snapshot seen = snapshot;
        if (seen != null && isFresh(seen)) {
            return seen.settings();
        }
        if (seen == null) {
            refreshing.lock();
        } else if (!refreshing.tryLock()) {
            return seen.settings();
        }
        try {
            Snapshot latest = snapshot;
            return latest != null && isFresh(latest) ? latest.settings() : refresh(latest);
        } finally {
            refreshing.unlock();
        }
    }

    private boolean isFresh(Snapshot s) {
        return clock.instant().isBefore(s.expiresAt());
    }

    private MessengerSettings refresh(Snapshot stale) {
        try {
            MessengerSettings fresh = frappe.getDoc(DOCTYPE, DOCTYPE)
                    .map(MessengerSettings::fromDoc)
                    .orElseGet(MessengerSettings::enabledByDefault);
            Instant now = clock.instant();
            snapshot = new Snapshot(fresh, now, now.plus(ttl));
            return fresh;
        } catch (FrappeException e) {
            if (stale == null || !e.isTransient()) {
                throw e;
            }
            Instant now = clock.instant();
            log.warn("could not read Messenger Settings ({}); serving the value read {} s ago (enabled={}) and trying "
                    + "again in {} s", LogSafe.of(e.getMessage()), Duration.between(stale.readAt(), now).toSeconds(),
                    stale.settings().enabled(), ttl.toSeconds());
            snapshot = new Snapshot(stale.settings(), stale.readAt(), now.plus(ttl));
            return stale.settings();
        }
    }

    /** Configures a {@link FrappeSettingsSource}. Not thread-safe; the source it builds is. */
    public static final class Builder {
        private final FrappeClient frappe;
        private Duration ttl = DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();

        private Builder(FrappeClient frappe) {
            this.frappe = Objects.requireNonNull(frappe, "frappe");
        }

        /** How long a value read is used before reading again; zero reads on every call. */
        public Builder ttl(Duration ttl) {
            if (Objects.requireNonNull(ttl, "ttl").isNegative()) {
                throw new IllegalArgumentException("ttl must not be negative: " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /** The clock that ages the cached value (a fixed or stepping clock in tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public FrappeSettingsSource build() {
            return new FrappeSettingsSource(this);
        }
    }
}
