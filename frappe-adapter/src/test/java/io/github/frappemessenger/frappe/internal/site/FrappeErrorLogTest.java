package io.github.frappemessenger.frappe.internal.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.RetryPolicy;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.frappe.site.LogCapture;
import io.github.frappemessenger.port.ErrorLogEntry;
import io.github.frappemessenger.testing.StandInRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrappeErrorLogTest {
    private static final ErrorLogEntry ENTRY = new ErrorLogEntry("Messenger Update Error",
            "Traceback: java.lang.IllegalStateException: boom", "Messenger Message", "MSG-0042");

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final FrappeErrorLog errorLog = new FrappeErrorLog(frappe.client());

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void anEntryBecomesAnErrorLogDocWithMethodErrorAndReference() {
        errorLog.record(ENTRY);

        StandInRequest request = frappe.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.encodedPath()).isEqualTo("/api/resource/Error%20Log");
        Map<String, Object> doc = frappe.all("Error Log").get(0);
        assertThat(doc.get("method")).isEqualTo("Messenger Update Error");
        assertThat(doc.get("error")).isEqualTo("Traceback: java.lang.IllegalStateException: boom");
        assertThat(doc.get("reference_doctype")).isEqualTo("Messenger Message");
        assertThat(doc.get("reference_name")).isEqualTo("MSG-0042");
    }

    @Test
    void anEntryWithoutReferenceSendsNoReferenceFieldsAndALongTitleIsCutTo140() {
        errorLog.record(new ErrorLogEntry("x".repeat(200), "e", null, null));

        assertThat(frappe.last().body()).isEqualTo("{\"method\":\"" + "x".repeat(140) + "\",\"error\":\"e\"}");
    }

    @Test
    void whenFrappeRefusesTheWriteTheEntryGoesToTheLogAtErrorAndNothingIsThrown() {
        frappe.failWhen(r -> true, 500);

        try (LogCapture log = new LogCapture()) {
            errorLog.record(ENTRY);

            String text = log.text();
            assertThat(text).contains("ERROR");
            assertThat(text).contains("Messenger Update Error");
            assertThat(text).contains("MSG-0042");
            assertThat(text).contains("IllegalStateException: boom");
            assertThat(text).as("the API secret never reaches a log line").doesNotContain(FrappeStandIn.API_SECRET);
        }
        assertThat(frappe.all("Error Log")).isEmpty();
    }

    @Test
    void whenFrappeCannotBeReachedNothingIsThrownEither() {
        FrappeClient nowhere = FrappeClient.builder().baseUrl("http://127.0.0.1:1").apiKey("key")
                .apiSecret(FrappeStandIn.API_SECRET).retryPolicy(RetryPolicy.none()).build();

        try (LogCapture log = new LogCapture()) {
            new FrappeErrorLog(nowhere).record(ENTRY);

            assertThat(log.text()).contains("did not answer");
            assertThat(log.text()).doesNotContain(FrappeStandIn.API_SECRET);
        }
    }
}
