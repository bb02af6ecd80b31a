package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrappeErrorDecoderTest {

    private final FrappeErrorDecoder decoder = new FrappeErrorDecoder(new ObjectMapper(), "the-secret");

    @Test
    void theExceptionLineIsUsedWhenThereAreNoServerMessages() {
        FrappeException e = decoder.decode(417,
                "Expectation Failed", "{\"exc_type\": \"LinkValidationError\", \"exception\": "
                        + "\"frappe.exceptions.LinkValidationError: Could not find Conversation: CONV-9\"}",
                "POST /api/resource/Messenger%20Message", 1);

        assertThat(e.getMessage())
                .isEqualTo("Frappe answered 417 LinkValidationError: Could not find Conversation: CONV-9"
                + " [POST /api/resource/Messenger%20Message]");
    }

    @Test
    void apiV2ErrorsAreReadToo() {
        FrappeException e = decoder.decode(417, "", "{\"errors\": [{\"type\": \"ValidationError\", "
                + "\"message\": \"Sender ID is required\"}]}", "POST /api/v2/document/Note", 1);

        assertThat(e.excType()).contains("ValidationError");
        assertThat(e.serverMessages()).isEqualTo(List.of("Sender ID is required"));
    }

    @Test
    void htmlInMessagesBecomesPlainText() {
        assertThat(FrappeErrorDecoder.plain("Row 1:<br><strong>Sender ID</strong> &amp; Platform are &lt;required&gt;"))
                .isEqualTo("Row 1: Sender ID & Platform are <required>");
    }

    @Test
    void aServerMessageThatIsNotJsonIsKeptAsText() {
        FrappeException e = decoder.decode(417, "", "{\"exc_type\": \"ValidationError\", "
                + "\"_server_messages\": \"[\\\"plain words\\\"]\"}", "GET /x", 1);

        assertThat(e.serverMessages()).isEqualTo(List.of("plain words"));
    }

    @Test
    void aPlainTextBodyIsSummarisedAndBounded() {
        FrappeException e = decoder.decode(503, "Service Unavailable", "upstream connect error ".repeat(50),
                "GET /x", 1);

        assertThat(e.getMessage()).startsWith("Frappe answered 503: upstream connect error");
        assertThat(e.getMessage()).hasSizeLessThan(400);
    }

    @Test
    void anEmptyBodyFallsBackToTheReasonPhrase() {
        FrappeException e = decoder.decode(500, "Internal Server Error", "", "GET /x", 1);

        assertThat(e.getMessage()).isEqualTo("Frappe answered 500: Internal Server Error [GET /x]");
    }

    @Test
    void theSecretIsScrubbedFromEveryField() {
        FrappeException e = decoder.decode(417, "", "{\"exc_type\": \"the-secret\", \"exception\": \"x: the-secret\"}",
                "GET /x", 1);

        assertThat(e.excType()).contains("****");
        assertThat(e.exception()).contains("x: ****");
        assertThat(e.getMessage()).doesNotContain("the-secret");
    }
}
