package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A doc name reaches Frappe as one encoded path segment under {@code /api/resource/<DocType>/}, whatever it holds:
 * checked on the request target MockWebServer receives over loopback, for GET, PUT and DELETE.
 */
class SafeDocNamesTest {
    private final MockFrappe frappe = new MockFrappe();
    private final FrappeClient client = frappe.client();

    @AfterEach
    void close() {
        frappe.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "slash          | a/b            | a%2Fb",
            "dot inside     | MSG.1          | MSG.1",
            "three dots     | ...            | ...",
            "dot-dot-slash  | ../../etc      | ..%2F..%2Fetc",
            "percent        | 100%25         | 100%2525",
            "query          | x?limit=1      | x%3Flimit%3D1",
            "fragment       | x#top          | x%23top",
            "space          | a b            | a%20b",
            "backslash      | a\\b           | a%5Cb",
            "unicode        | é中            | %C3%A9%E4%B8%AD"})
    void aNameIsOneEncodedSegment(String what, String name, String encoded) throws Exception {
        for (String method : new String[] {"GET", "PUT", "DELETE"}) {
            frappe.answer(200, "{\"data\": {\"name\": \"x\"}}");
            switch (method) {
                case "GET" -> client.getDoc("Messenger Message", name);
                case "PUT" -> client.update("Messenger Message", name, Map.of("conversation", "C"));
                default -> client.delete("Messenger Message", name);
            }
            RecordedRequest request = frappe.take();
            assertThat(request.getMethod()).isEqualTo(method);
            assertThat(request.getTarget()).as(what).isEqualTo("/api/resource/Messenger%20Message/" + encoded);
            assertThat(request.getUrl().pathSegments().get(3))
                    .as("the server decodes it back to the name").isEqualTo(name);
            assertThat(request.getUrl().pathSegments()).hasSize(4);
        }
    }

    @Test
    void newlinesAndOtherControlCharactersAreEncoded() {
        frappe.answer(200, "{\"data\": {\"name\": \"x\"}}");

        client.update("Messenger Message", "MSG-1\r\nX-Forged: 1\n\t\u0000", Map.of("is_read", 1));

        RecordedRequest request = frappe.take();
        assertThat(request.getTarget())
                .isEqualTo("/api/resource/Messenger%20Message/MSG-1%0D%0AX-Forged%3A%201%0A%09%00");
        assertThat(request.getHeaders().get("X-Forged")).isNull();
    }

    @ParameterizedTest
    @CsvSource({".", ".."})
    void aDotSegmentNameIsRefusedBeforeAnythingIsSent(String name) {
        IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> client.update("Messenger Message", name, Map.of("conversation", "C"))).actual();
        assertThat(e.getMessage()).contains("dot segment");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> client.getDoc("Messenger Message", name));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> client.delete("Messenger Message", name));
        assertThat(frappe.requestCount()).as("no request for PUT /api/resource/ or any other URL").isEqualTo(0);
    }
}
