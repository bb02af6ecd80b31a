package io.github.frappemessenger.frappe.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrappeErrorDecoderTest {

    private final FrappeErrorDecoder decoder = new FrappeErrorDecoder(new ObjectMapper(), "the-secret");

    @Test
    void theExceptionLineIsUsedWhenThereAreNoServerMessages() {
        FrappeException e = decoder.decode(417,
                "Expectation Failed", "{\"exc_type\": \"LinkValidationError\", \"exception\": "
                        + "\"frappe.exceptions.LinkValidationError: Could not find Conversation: CONV-9\"}",
                "POST /api/resource/Messenger%20Message", 1);

        assertEquals("Frappe answered 417 LinkValidationError: Could not find Conversation: CONV-9"
                + " [POST /api/resource/Messenger%20Message]", e.getMessage());
    }

    @Test
    void apiV2ErrorsAreReadToo() {
        FrappeException e = decoder.decode(417, "", "{\"errors\": [{\"type\": \"ValidationError\", "
                + "\"message\": \"Sender ID is required\"}]}", "POST /api/v2/document/Note", 1);

        assertEquals(Optional.of("ValidationError"), e.excType());
        assertEquals(List.of("Sender ID is required"), e.serverMessages());
    }

    @Test
    void htmlInMessagesBecomesPlainText() {
        assertEquals("Row 1: Sender ID & Platform are <required>",
                FrappeErrorDecoder.plain("Row 1:<br><strong>Sender ID</strong> &amp; Platform are &lt;required&gt;"));
    }

    @Test
    void aServerMessageThatIsNotJsonIsKeptAsText() {
        FrappeException e = decoder.decode(417, "", "{\"exc_type\": \"ValidationError\", "
                + "\"_server_messages\": \"[\\\"plain words\\\"]\"}", "GET /x", 1);

        assertEquals(List.of("plain words"), e.serverMessages());
    }

    @Test
    void aPlainTextBodyIsSummarisedAndBounded() {
        FrappeException e = decoder.decode(503, "Service Unavailable", "upstream connect error ".repeat(50),
                "GET /x", 1);

        assertTrue(e.getMessage().startsWith("Frappe answered 503: upstream connect error"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }

    @Test
    void anEmptyBodyFallsBackToTheReasonPhrase() {
        FrappeException e = decoder.decode(500, "Internal Server Error", "", "GET /x", 1);

        assertEquals("Frappe answered 500: Internal Server Error [GET /x]", e.getMessage());
    }

    @Test
    void theSecretIsScrubbedFromEveryField() {
        FrappeException e = decoder.decode(417, "", "{\"exc_type\": \"the-secret\", \"exception\": \"x: the-secret\"}",
                "GET /x", 1);

        assertEquals(Optional.of("****"), e.excType());
        assertEquals(Optional.of("x: ****"), e.exception());
        assertTrue(!e.getMessage().contains("the-secret"), e.getMessage());
    }
}
