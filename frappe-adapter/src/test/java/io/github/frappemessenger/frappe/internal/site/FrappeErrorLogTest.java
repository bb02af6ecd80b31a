package io.github.frappemessenger.frappe.internal.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals("POST", request.method());
        assertEquals("/api/resource/Error%20Log", request.encodedPath());
        Map<String, Object> doc = frappe.all("Error Log").get(0);
        assertEquals("Messenger Update Error", doc.get("method"));
        assertEquals("Traceback: java.lang.IllegalStateException: boom", doc.get("error"));
        assertEquals("Messenger Message", doc.get("reference_doctype"));
        assertEquals("MSG-0042", doc.get("reference_name"));
    }

    @Test
    void anEntryWithoutReferenceSendsNoReferenceFieldsAndALongTitleIsCutTo140() {
        errorLog.record(new ErrorLogEntry("x".repeat(200), "e", null, null));

        assertEquals("{\"method\":\"" + "x".repeat(140) + "\",\"error\":\"e\"}", frappe.last().body());
    }

    @Test
    void whenFrappeRefusesTheWriteTheEntryGoesToTheLogAtErrorAndNothingIsThrown() {
        frappe.failWhen(r -> true, 500);

        try (LogCapture log = new LogCapture()) {
            errorLog.record(ENTRY);

            String text = log.text();
            assertTrue(text.contains("ERROR"), text);
            assertTrue(text.contains("Messenger Update Error"), text);
            assertTrue(text.contains("MSG-0042"), text);
            assertTrue(text.contains("IllegalStateException: boom"), text);
            assertFalse(text.contains(FrappeStandIn.API_SECRET), "the API secret never reaches a log line");
        }
        assertEquals(List.of(), frappe.all("Error Log"));
    }

    @Test
    void whenFrappeCannotBeReachedNothingIsThrownEither() {
        FrappeClient nowhere = FrappeClient.builder().baseUrl("http://127.0.0.1:1").apiKey("key")
                .apiSecret(FrappeStandIn.API_SECRET).retryPolicy(RetryPolicy.none()).build();

        try (LogCapture log = new LogCapture()) {
            new FrappeErrorLog(nowhere).record(ENTRY);

            assertTrue(log.text().contains("did not answer"), log.text());
            assertFalse(log.text().contains(FrappeStandIn.API_SECRET));
        }
    }
}
