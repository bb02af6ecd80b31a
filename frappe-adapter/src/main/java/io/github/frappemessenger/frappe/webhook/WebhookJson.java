package io.github.frappemessenger.frappe.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads webhook bodies and writes response bodies. Thread-safe (a configured {@link ObjectMapper} is). */
final class WebhookJson {
    private static final TypeReference<LinkedHashMap<String, Object>> DOC = new TypeReference<>() {
    };

    private static final ObjectMapper READER = new ObjectMapper();

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A body that is not one JSON object. */
    static final class NotADocException extends Exception {
        NotADocException(String message) {
            super(message);
        }
    }

    /** The doc in the body, field order kept; Frappe's JSON has no Content-Type and is read as UTF-8. */
    Map<String, Object> readDoc(byte[] body) throws NotADocException {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NotADocException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NotADocException("the body could not be read as JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new NotADocException("the body is empty; the Webhook must send the doc as JSON");
        }
        if (!node.isObject()) {
            throw new NotADocException("the body is a JSON " + node.getNodeType().name().toLowerCase()
                    + ", not a doc object");
        }
        return mapper.convertValue(node, DOC);
    }

    /** The {@code error} text of an error response (e.g. why a 503 was given), or its status. */
    static String errorText(WebhookResponse response) {
        try {
            JsonNode error = READER.readTree(response.body()).get("error");
            return error != null && error.isTextual() ? error.asText() : "status " + response.status();
        } catch (IOException e) {
            return "status " + response.status();
        }
    }

    String write(Map<String, ?> value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Only maps of strings, numbers and booleans are written here.
            throw new IllegalStateException("cannot write a webhook response", e);
        }
    }

    WebhookResponse error(int status, String message) {
        return new WebhookResponse(status, write(Map.of("error", message)));
    }

    WebhookResponse error(int status, String message, Map<String, String> headers) {
        return new WebhookResponse(status, write(Map.of("error", message)), headers);
    }

    WebhookResponse response(int status, Map<String, ?> body) {
        return new WebhookResponse(status, write(body));
    }
}
