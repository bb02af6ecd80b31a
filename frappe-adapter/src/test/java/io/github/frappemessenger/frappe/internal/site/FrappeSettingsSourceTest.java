package io.github.frappemessenger.frappe.internal.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.frappe.site.LogCapture;
import io.github.frappemessenger.frappe.site.SteppingClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrappeSettingsSourceTest {
    private static final String SETTINGS = "Messenger Settings";
    private static final String PATH = "GET /api/resource/Messenger Settings/Messenger Settings";

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final SteppingClock clock = new SteppingClock();
    private final FrappeSettingsSource settings = FrappeSettingsSource.builder(frappe.client())
            .ttl(Duration.ofSeconds(30)).clock(clock).build();

    @AfterEach
    void stop() {
        frappe.close();
    }

    private void enabled(int value) {
        frappe.seed(SETTINGS, Map.of("name", SETTINGS, "enabled", value));
    }

    @Test
    void readsTheSingleDocByItsOwnName() {
        enabled(0);

        assertFalse(settings.current().enabled());
        assertEquals(List.of(PATH), frappe.requests());
    }

    @Test
    void aValueIsReusedWithinTheTtlAndReadAgainAfterIt() {
        enabled(1);
        assertTrue(settings.current().enabled());
        enabled(0);

        clock.advance(Duration.ofSeconds(29));
        assertTrue(settings.current().enabled(), "still the cached value");
        assertEquals(1, frappe.requestCount());

        clock.advance(Duration.ofSeconds(1));
        assertFalse(settings.current().enabled(), "read again once the ttl is over");
        assertEquals(2, frappe.requestCount());
    }

    @Test
    void aSiteWithoutTheDocIsEnabled() {
        assertTrue(settings.current().enabled());
        assertEquals(List.of(PATH), frappe.requests());
    }

    @Test
    void whenFrappeIsDownTheStaleValueIsServedWithAWarningAndTriedAgainOneTtlLater() {
        enabled(0);
        settings.current();
        clock.advance(Duration.ofSeconds(31));
        frappe.failWhen(r -> true, 502);

        try (LogCapture log = new LogCapture()) {
            assertFalse(settings.current().enabled(), "the stale value");
            assertTrue(log.text().contains("WARN"), log.text());
            assertTrue(log.text().contains("could not read Messenger Settings"), log.text());
        }
        int afterFailure = frappe.requestCount();
        clock.advance(Duration.ofSeconds(10));
        assertFalse(settings.current().enabled());
        assertEquals(afterFailure, frappe.requestCount(), "no call on every message while Frappe is down");

        frappe.heal();
        enabled(1);
        clock.advance(Duration.ofSeconds(21));
        assertTrue(settings.current().enabled(), "fresh again once Frappe answers");
    }

    @Test
    void withNothingCachedAFrappeFailurePropagates() {
        frappe.failWhen(r -> true, 500);

        FrappeException e = assertThrows(FrappeException.class, settings::current);
        assertEquals(FrappeException.Kind.SERVER, e.kind());
    }

    @Test
    void aPermissionErrorIsNotHiddenByTheStaleValue() {
        enabled(1);
        settings.current();
        clock.advance(Duration.ofSeconds(31));
        frappe.failWhen(r -> true, 403);

        FrappeException e = assertThrows(FrappeException.class, settings::current);
        assertEquals(FrappeException.Kind.AUTH, e.kind());
    }

    @Test
    void aZeroTtlReadsOnEveryCall() {
        FrappeSettingsSource uncached = FrappeSettingsSource.builder(frappe.client()).ttl(Duration.ZERO)
                .clock(clock).build();

        uncached.current();
        uncached.current();

        assertEquals(2, frappe.requestCount());
    }
}
