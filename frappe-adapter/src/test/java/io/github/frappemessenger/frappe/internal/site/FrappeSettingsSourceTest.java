package io.github.frappemessenger.frappe.internal.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        assertThat(settings.current().enabled()).isFalse();
        assertThat(frappe.requests()).isEqualTo(List.of(PATH));
    }

    @Test
    void aValueIsReusedWithinTheTtlAndReadAgainAfterIt() {
        enabled(1);
        assertThat(settings.current().enabled()).isTrue();
        enabled(0);

        clock.advance(Duration.ofSeconds(29));
        assertThat(settings.current().enabled()).as("still the cached value").isTrue();
        assertThat(frappe.requestCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(settings.current().enabled()).as("read again once the ttl is over").isFalse();
        assertThat(frappe.requestCount()).isEqualTo(2);
    }

    @Test
    void aSiteWithoutTheDocIsEnabled() {
        assertThat(settings.current().enabled()).isTrue();
        assertThat(frappe.requests()).isEqualTo(List.of(PATH));
    }

    @Test
    void whenFrappeIsDownTheStaleValueIsServedWithAWarningAndTriedAgainOneTtlLater() {
        enabled(0);
        settings.current();
        clock.advance(Duration.ofSeconds(31));
        frappe.failWhen(r -> true, 502);

        try (LogCapture log = new LogCapture()) {
            assertThat(settings.current().enabled()).as("the stale value").isFalse();
            assertThat(log.text()).contains("WARN");
            assertThat(log.text()).contains("could not read Messenger Settings");
        }
        int afterFailure = frappe.requestCount();
        clock.advance(Duration.ofSeconds(10));
        assertThat(settings.current().enabled()).isFalse();
        assertThat(frappe.requestCount()).as("no call on every message while Frappe is down").isEqualTo(afterFailure);

        frappe.heal();
        enabled(1);
        clock.advance(Duration.ofSeconds(21));
        assertThat(settings.current().enabled()).as("fresh again once Frappe answers").isTrue();
    }

    @Test
    void withNothingCachedAFrappeFailurePropagates() {
        frappe.failWhen(r -> true, 500);

        FrappeException e = assertThatExceptionOfType(FrappeException.class).isThrownBy(settings::current).actual();
        assertThat(e.kind()).isEqualTo(FrappeException.Kind.SERVER);
    }

    @Test
    void aPermissionErrorIsNotHiddenByTheStaleValue() {
        enabled(1);
        settings.current();
        clock.advance(Duration.ofSeconds(31));
        frappe.failWhen(r -> true, 403);

        FrappeException e = assertThatExceptionOfType(FrappeException.class).isThrownBy(settings::current).actual();
        assertThat(e.kind()).isEqualTo(FrappeException.Kind.AUTH);
    }

    @Test
    void aZeroTtlReadsOnEveryCall() {
        FrappeSettingsSource uncached = FrappeSettingsSource.builder(frappe.client()).ttl(Duration.ZERO)
                .clock(clock).build();

        uncached.current();
        uncached.current();

        assertThat(frappe.requestCount()).isEqualTo(2);
    }
}
