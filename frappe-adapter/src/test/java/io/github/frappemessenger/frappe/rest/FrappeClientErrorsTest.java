package io.github.frappemessenger.frappe.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrappeClientErrorsTest {

    private final MockFrappe frappe = new MockFrappe();
    private final FrappeClient client = frappe.client();

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void a401IsAnAuthErrorAndIsNotRetried() {
        frappe.answerFixture(401, "401-authentication-error.json");
        frappe.answer(200, "{\"data\": {\"name\": \"never asked for\"}}");

        FrappeException e = assertThrows(FrappeException.class, () -> client.getDoc("Messenger Message", "MSG-1"));

        assertEquals(FrappeException.Kind.AUTH, e.kind());
        assertEquals(401, e.status());
        assertEquals(1, frappe.requestCount());
        assertEquals("Frappe answered 401 AuthenticationError: the API key and secret were not accepted"
                + " [GET /api/resource/Messenger%20Message/MSG-1]", e.getMessage());
        assertFalse(e.isTransient());
    }

    @Test
    void a403IsAnAuthErrorWithFrappesMessage() {
        frappe.answerFixture(403, "403-permission-error.json");

        FrappeException e = assertThrows(FrappeException.class,
                () -> client.update("Messenger Message", "MSG-1", Map.of("is_read", 1)));

        assertEquals(FrappeException.Kind.AUTH, e.kind());
        assertEquals(1, frappe.requestCount());
        assertTrue(e.getMessage().startsWith("Frappe answered 403 PermissionError: You do not have enough permissions"),
                e.getMessage());
    }

    @Test
    void getDocOfAMissingDocumentIsEmpty() {
        frappe.answerFixture(404, "404-does-not-exist.json");

        Optional<Map<String, Object>> doc = client.getDoc("Messenger Message", "MSG-0404");

        assertTrue(doc.isEmpty());
        assertEquals(1, frappe.requestCount());
    }

    @Test
    void deletingAMissingDocumentThrowsNotFound() {
        frappe.answerFixture(404, "404-does-not-exist.json");

        FrappeException e = assertThrows(FrappeException.class, () -> client.delete("Messenger Message", "MSG-0404"));

        assertEquals(FrappeException.Kind.NOT_FOUND, e.kind());
        assertEquals(List.of("Messenger Message MSG-0404 not found"), e.serverMessages());
        assertEquals("Frappe answered 404 DoesNotExistError: Messenger Message MSG-0404 not found"
                + " [DELETE /api/resource/Messenger%20Message/MSG-0404]", e.getMessage());
    }

    @Test
    void a409DuplicateReadsFrappesMessageWithoutHtml() {
        frappe.answerFixture(409, "409-duplicate-entry.json");

        FrappeException e = assertThrows(FrappeException.class,
                () -> client.insert("Messenger Conversation", Map.of("name", "CONV-0001")));

        assertEquals(FrappeException.Kind.CONFLICT, e.kind());
        assertEquals(Optional.of("DuplicateEntryError"), e.excType());
        assertEquals("Frappe answered 409 DuplicateEntryError: Messenger Conversation CONV-0001 already exists"
                + " [POST /api/resource/Messenger%20Conversation]", e.getMessage());
        assertEquals(1, frappe.requestCount());
    }

    @Test
    void a417ValidationErrorReadsLikeFrappeSaidIt() {
        frappe.answerFixture(417, "417-validation-error.json");

        FrappeException e = assertThrows(FrappeException.class,
                () -> client.insert("Messenger Message", Map.of("message", "hi")));

        assertEquals(FrappeException.Kind.VALIDATION, e.kind());
        assertEquals(417, e.status());
        assertEquals(Optional.of("frappe.exceptions.ValidationError: Sender ID is required"), e.exception());
        assertEquals("Frappe answered 417 ValidationError: Sender ID is required"
                + " [POST /api/resource/Messenger%20Message]", e.getMessage());
    }

    @Test
    void a417WithSeveralServerMessagesJoinsThem() {
        frappe.answerFixture(417, "417-mandatory-error.json");

        FrappeException e = assertThrows(FrappeException.class,
                () -> client.insert("Messenger Message", Map.of("message", "hi")));

        assertEquals(List.of("Error: Value missing for Messenger Message: Sender ID",
                "Error: Value missing for Messenger Message: Message Direction"), e.serverMessages());
        assertTrue(e.getMessage().startsWith("Frappe answered 417 MandatoryError: Error: Value missing for Messenger "
                + "Message: Sender ID; Error: Value missing for Messenger Message: Message Direction"), e.getMessage());
    }

    @Test
    void anNginxHtml502StillGivesAClearMessage() {
        FrappeClient once = frappe.clientBuilder().retryPolicy(RetryPolicy.none()).build();
        frappe.server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body(MockFrappe.fixture("502-nginx.html")).build());

        FrappeException e = assertThrows(FrappeException.class, () -> once.getDoc("Messenger Message", "MSG-1"));

        assertEquals(FrappeException.Kind.SERVER, e.kind());
        assertTrue(e.excType().isEmpty());
        assertEquals("Frappe answered 502: 502 Bad Gateway [GET /api/resource/Messenger%20Message/MSG-1]",
                e.getMessage());
    }

    @Test
    void aSuccessThatIsNotJsonIsReported() {
        frappe.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html><head><title>Login</title></head><body>...</body></html>").build());

        FrappeException e = assertThrows(FrappeException.class, () -> client.getList(ListQuery.builder("Note").build()));

        assertEquals(FrappeException.Kind.OTHER, e.kind());
        assertEquals("Frappe answered 200 with a body that is not JSON: Login [GET /api/resource/Note]", e.getMessage());
    }

    @Test
    void aSuccessOfTheWrongShapeIsReported() {
        frappe.answer(200, "{\"message\": \"ok\"}");

        FrappeException e = assertThrows(FrappeException.class,
                () -> client.insert("Note", Map.of("title", "t")));

        assertEquals("Frappe answered 200 without a document under \"data\" [POST /api/resource/Note]", e.getMessage());
    }

    @Test
    void noMessageOrToStringEverHoldsTheApiSecretEvenWhenFrappeEchoesIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String serverMessage = json.writeValueAsString(Map.of("message", "Invalid token " + MockFrappe.API_SECRET));
        String echo = json.writeValueAsString(Map.of(
                "exc_type", "AuthenticationError",
                "exception", "frappe.exceptions.AuthenticationError: bad token " + MockFrappe.API_KEY + ":"
                        + MockFrappe.API_SECRET,
                "_server_messages", json.writeValueAsString(List.of(serverMessage))));
        frappe.answer(401, echo);
        frappe.answer(417, "<html><title>secret is " + MockFrappe.API_SECRET + "</title></html>");

        FrappeException auth = assertThrows(FrappeException.class, () -> client.getDoc("Note", "n"));
        FrappeException html = assertThrows(FrappeException.class, () -> client.insert("Note", Map.of()));

        assertEquals(List.of("Invalid token ****"), auth.serverMessages());
        for (FrappeException e : List.of(auth, html)) {
            String everything = e.getMessage() + e + e.serverMessages() + e.exception() + e.request();
            assertFalse(everything.contains(MockFrappe.API_SECRET), everything);
            assertTrue(everything.contains("****"), everything);
        }
        assertFalse(client.toString().contains(MockFrappe.API_SECRET), client.toString());
    }

    @Test
    void anUnavailableSiteNeverShowsTheSecretEither() throws Exception {
        int port = frappe.server.getPort();
        frappe.close();
        FrappeClient gone = frappe.clientBuilder().baseUrl("http://127.0.0.1:" + port).build();

        FrappeUnavailableException e = assertThrows(FrappeUnavailableException.class, () -> gone.getDoc("Note", "n"));

        String everything = e.getMessage() + e + e.getCause();
        assertFalse(everything.contains(MockFrappe.API_SECRET), everything);
        assertTrue(e.getMessage().startsWith("Frappe at http://127.0.0.1:" + port + " did not answer GET "
                + "/api/resource/Note/n (3 attempts): "), e.getMessage());
    }
}
