package io.github.frappemessenger.frappe.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error answer into a {@link FrappeException}. Reads Frappe's error body (frappe/utils/response.py
 * {@code report_error}): {@code exc_type}, the one-line {@code exception}, and {@code _server_messages}, a JSON text
 * of a list of JSON texts each with a {@code message}; also API v2's {@code errors: [{type, message}]}. A body that is
 * not JSON (nginx's HTML 502 page) is summarised by its title or its text. Every text is scrubbed of the API secret.
 * Thread-safe.
 */
final class FrappeErrorDecoder {

    private static final int MAX_DETAIL = 300;
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*/?\\s*(br|p|div|li|tr|hr)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^([A-Za-z_][\\w.]*)\\s*:\\s*(.+)$", Pattern.DOTALL);

    private final ObjectMapper mapper;
    private final String secret;

    FrappeErrorDecoder(ObjectMapper mapper, String secret) {
        this.mapper = mapper;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    FrappeException decode(int status, String reason, String body, String request, int attempts) {
        JsonNode root = readObject(body);
        String excType = null;
        String exception = null;
        String bodyMessage = null;
        List<String> serverMessages = new ArrayList<>();
        if (root != null) {
            excType = text(root.get("exc_type"));
            exception = lastLine(text(root.get("exception")));
            bodyMessage = plain(text(root.get("message")));
            serverMessages.addAll(serverMessages(text(root.get("_server_messages"))));
            JsonNode firstError = root.path("errors").path(0);
            if (excType == null) {
                excType = text(firstError.get("type"));
            }
            if (serverMessages.isEmpty() && text(firstError.get("message")) != null) {
                serverMessages.add(plain(text(firstError.get("message"))));
            }
        }
        serverMessages.removeIf(String::isEmpty);
        String detail = firstPresent(
                serverMessages.isEmpty() ? null : String.join("; ", serverMessages),
                withoutExceptionName(exception, excType),
                bodyMessage,
                root == null ? summary(body) : null,
                fallback(status));
        StringBuilder message = new StringBuilder("Frappe answered ").append(status);
        if (excType != null) {
            message.append(' ').append(excType);
        }
        message.append(": ").append(detail == null ? reason(reason) : detail).append(" [").append(request);
        if (attempts > 1) {
            message.append(", ").append(attempts).append(" attempts");
        }
        message.append(']');
        return new FrappeException(scrub(message.toString()), null, status, FrappeException.Kind.of(status),
                scrub(excType), scrub(exception), serverMessages.stream().map(this::scrub).toList(), request,
                attempts);
    }

    /** A 2xx answer this client could not read, e.g. an HTML login page from a proxy. */
    FrappeException unreadable(int status, String body, String request, String problem) {
        String detail = summary(body);
        String message = "Frappe answered " + status + " " + problem + (detail == null ? "" : ": " + detail)
                + " [" + request + "]";
        return new FrappeException(scrub(message), null, status, FrappeException.Kind.OTHER, null, null, List.of(),
                request, 1);
    }

    private JsonNode readObject(String body) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code _server_messages}: a JSON list of JSON texts, each {@code {"message": ..., "title": ...}}. */
    private List<String> serverMessages(String encoded) {
        List<String> messages = new ArrayList<>();
        if (encoded == null) {
            return messages;
        }
        try {
            for (JsonNode item : mapper.readTree(encoded)) {
                JsonNode inner = item.isTextual() ? parseOrText(item.asText()) : item;
                String message = inner.isObject() ? text(inner.get("message")) : text(inner);
                if (message != null) {
                    messages.add(plain(message));
                }
            }
        } catch (JsonProcessingException e) {
            messages.add(plain(encoded));
        }
        return messages;
    }

    private JsonNode parseOrText(String text) {
        try {
            return text.stripLeading().startsWith("{") ? mapper.readTree(text) : mapper.getNodeFactory().textNode(text);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }

    /**
     * {@code frappe.exceptions.ValidationError: Sender ID is required} → {@code Sender ID is required}; a bare
     * {@code frappe.exceptions.AuthenticationError} says nothing {@code exc_type} does not, so → null.
     */
    private static String withoutExceptionName(String exception, String excType) {
        if (exception == null || isExceptionName(exception, excType)) {
            return null;
        }
        Matcher m = EXCEPTION_PREFIX.matcher(exception);
        if (m.matches() && isExceptionName(m.group(1), excType)) {
            return m.group(2).strip();
        }
        return exception;
    }

    private static boolean isExceptionName(String text, String excType) {
        return text.matches("[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)+") || text.equals(excType);
    }

    /** Words for an answer that carries none (Frappe's bare AuthenticationError, for one). */
    private static String fallback(int status) {
        return switch (status) {
            case 401 -> "the API key and secret were not accepted";
            case 403 -> "the API user is not permitted to do this";
            case 404 -> "not found";
            case 409 -> "the document already exists";
            case 417 -> "the document is not valid";
            case 429 -> "too many requests";
            default -> null;
        };
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "no details" : reason;
    }

    /** A non-JSON body in a few words: its HTML title, else its text without tags. */
    static String summary(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        Matcher title = TITLE.matcher(body);
        String text = plain(title.find() ? title.group(1) : body);
        return text.isEmpty() ? null : text;
    }

    /** Frappe messages carry HTML ({@code <strong>Sender ID</strong>}); keep the words, one line, bounded. */
    static String plain(String html) {
        if (html == null) {
            return null;
        }
        String text = TAG.matcher(BREAK.matcher(html).replaceAll(" ")).replaceAll("")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&")
                .replaceAll("\\s+", " ").strip();
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL - 1) + "…" : text;
    }

    private static String lastLine(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.strip().split("\\R");
        return plain(lines[lines.length - 1]);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    private String scrub(String text) {
        return text == null || secret == null ? text : text.replace(secret, "****");
    }
}
