package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.getDoc("Messenger Message", "MSG-1")).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.AUTH);
        assertThat(e.status()).isEqualTo(401);
        assertThat(frappe.requestCount()).isEqualTo(1);
        assertThat(e.getMessage())
                .isEqualTo("Frappe answered 401 AuthenticationError: the API key and secret were not accepted"
                + " [GET /api/resource/Messenger%20Message/MSG-1]");
        assertThat(e.isTransient()).isFalse();
    }

    @Test
    void a403IsAnAuthErrorWithFrappesMessage() {
        frappe.answerFixture(403, "403-permission-error.json");

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.update("Messenger Message", "MSG-1", Map.of("is_read", 1))).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.AUTH);
        assertThat(frappe.requestCount()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("Frappe answered 403 PermissionError: You do not have enough permissions");
    }

    @Test
    void getDocOfAMissingDocumentIsEmpty() {
        frappe.answerFixture(404, "404-does-not-exist.json");

        Optional<Map<String, Object>> doc = client.getDoc("Messenger Message", "MSG-0404");

        assertThat(doc).isEmpty();
        assertThat(frappe.requestCount()).isEqualTo(1);
    }

    @Test
    void deletingAMissingDocumentThrowsNotFound() {
        frappe.answerFixture(404, "404-does-not-exist.json");

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.delete("Messenger Message", "MSG-0404")).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.NOT_FOUND);
        assertThat(e.serverMessages()).isEqualTo(List.of("Messenger Message MSG-0404 not found"));
        assertThat(e.getMessage())
                .isEqualTo("Frappe answered 404 DoesNotExistError: Messenger Message MSG-0404 not found"
                + " [DELETE /api/resource/Messenger%20Message/MSG-0404]");
    }

    @Test
    void a409DuplicateReadsFrappesMessageWithoutHtml() {
        frappe.answerFixture(409, "409-duplicate-entry.json");

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.insert("Messenger Conversation", Map.of("name", "CONV-0001"))).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.CONFLICT);
        assertThat(e.excType()).contains("DuplicateEntryError");
        assertThat(e.getMessage())
                .isEqualTo("Frappe answered 409 DuplicateEntryError: Messenger Conversation CONV-0001 already exists"
                + " [POST /api/resource/Messenger%20Conversation]");
        assertThat(frappe.requestCount()).isEqualTo(1);
    }

    @Test
    void a417ValidationErrorReadsLikeFrappeSaidIt() {
        frappe.answerFixture(417, "417-validation-error.json");

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.insert("Messenger Message", Map.of("message", "hi"))).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.VALIDATION);
        assertThat(e.status()).isEqualTo(417);
        assertThat(e.exception()).contains("frappe.exceptions.ValidationError: Sender ID is required");
        assertThat(e.getMessage()).isEqualTo("Frappe answered 417 ValidationError: Sender ID is required"
                + " [POST /api/resource/Messenger%20Message]");
    }

    @Test
    void a417WithSeveralServerMessagesJoinsThem() {
        frappe.answerFixture(417, "417-mandatory-error.json");

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.insert("Messenger Message", Map.of("message", "hi"))).actual();

        assertThat(e.serverMessages()).isEqualTo(List.of("Error: Value missing for Messenger Message: Sender ID",
                "Error: Value missing for Messenger Message: Message Direction"));
        assertThat(e.getMessage()).startsWith("Frappe answered 417 MandatoryError: Error: Value missing for Messenger "
                + "Message: Sender ID; Error: Value missing for Messenger Message: Message Direction");
    }

    @Test
    void anNginxHtml502StillGivesAClearMessage() {
        FrappeClient once = frappe.clientBuilder().retryPolicy(RetryPolicy.none()).build();
        frappe.server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body(MockFrappe.fixture("502-nginx.html")).build());

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> once.getDoc("Messenger Message", "MSG-1")).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.SERVER);
        assertThat(e.excType()).isEmpty();
        assertThat(e.getMessage())
                .isEqualTo("Frappe answered 502: 502 Bad Gateway [GET /api/resource/Messenger%20Message/MSG-1]");
    }

    @Test
    void aSuccessThatIsNotJsonIsReported() {
        frappe.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html><head><title>Login</title></head><body>...</body></html>").build());

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.getList(ListQuery.builder("Note").build())).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.OTHER);
        assertThat(e.getMessage())
                .isEqualTo("Frappe answered 200 with a body that is not JSON: Login [GET /api/resource/Note]");
    }

    @Test
    void aSuccessOfTheWrongShapeIsReported() {
        frappe.answer(200, "{\"message\": \"ok\"}");

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.insert("Note", Map.of("title", "t"))).actual();

        assertThat(e.getMessage())
                .isEqualTo("Frappe answered 200 without a document under \"data\" [POST /api/resource/Note]");
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

        FrappeException auth = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.getDoc("Note", "n")).actual();
        FrappeException html = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.insert("Note", Map.of())).actual();

        assertThat(auth.serverMessages()).isEqualTo(List.of("Invalid token ****"));
        for (FrappeException e : List.of(auth, html)) {
            String everything = e.getMessage() + e + e.serverMessages() + e.exception() + e.request();
            assertThat(everything).doesNotContain(MockFrappe.API_SECRET);
            assertThat(everything).contains("****");
        }
        assertThat(client.toString()).doesNotContain(MockFrappe.API_SECRET);
    }

    @Test
    void anUnavailableSiteNeverShowsTheSecretEither() throws Exception {
        int port = frappe.server.getPort();
        frappe.close();
        FrappeClient gone = frappe.clientBuilder().baseUrl("http://127.0.0.1:" + port).build();

        FrappeUnavailableException e = assertThatExceptionOfType(FrappeUnavailableException.class)
                .isThrownBy(() -> gone.getDoc("Note", "n")).actual();

        String everything = e.getMessage() + e + e.getCause();
        assertThat(everything).doesNotContain(MockFrappe.API_SECRET);
        assertThat(e.getMessage()).startsWith("Frappe at http://127.0.0.1:" + port + " did not answer GET "
                + "/api/resource/Note/n (3 attempts): ");
    }
}
