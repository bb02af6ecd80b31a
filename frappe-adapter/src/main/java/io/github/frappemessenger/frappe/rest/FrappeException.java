package io.github.frappemessenger.frappe.rest;

import java.util.List;
import java.util.Optional;

/**
 * Frappe refused or failed a call. Unchecked; immutable and thread-safe.
 *
 * <p>{@link #getMessage()} reads like {@code Frappe answered 417 ValidationError: Sender ID is required [POST
 * /api/resource/Messenger%20Message]}: the HTTP status, Frappe's {@code exc_type}, the messages Frappe showed
 * (its {@code _server_messages}, HTML stripped) or else its one-line {@code exception}, and the request. It never
 * holds the API secret, a header, or a JSON dump. {@link #kind()} says what went wrong in terms a caller can act on;
 * {@link FrappeUnavailableException} is the kind {@link Kind#UNAVAILABLE}, when Frappe gave no answer at all.
 */
public class FrappeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, from the HTTP status. */
    public enum Kind {
        /** 401 or 403: the API key/secret is wrong, or its user lacks the permission. Never retried. */
        AUTH,
        /** 404: no such document (or DocType, or method). */
        NOT_FOUND,
        /** 409: a document with that name already exists (DuplicateEntryError). */
        CONFLICT,
        /** 417: the document failed validation (ValidationError, MandatoryError, LinkValidationError, ...). */
        VALIDATION,
        /** 429: too many requests; retried after the {@code Retry-After} pause. */
        RATE_LIMITED,
        /** 5xx: a fault in Frappe or in the proxy before it. */
        SERVER,
        /** No answer: connection refused or reset, or a timeout, after all attempts. */
        UNAVAILABLE,
        /** Any other status, or an answer this client could not read. */
        OTHER;

        static Kind of(int status) {
            if (status == 401 || status == 403) {
                return AUTH;
            }
            if (status == 404) {
                return NOT_FOUND;
            }
            if (status == 409) {
                return CONFLICT;
            }
            if (status == 417) {
                return VALIDATION;
            }
            if (status == 429) {
                return RATE_LIMITED;
            }
            return status >= 500 && status <= 599 ? SERVER : OTHER;
        }
    }

    private final int status;
    private final Kind kind;
    private final String excType;
    private final String exception;
    private final List<String> serverMessages;
    private final String request;
    private final int attempts;

    FrappeException(String message, Throwable cause, int status, Kind kind, String excType, String exception,
                    List<String> serverMessages, String request, int attempts) {
        super(message, cause);
        this.status = status;
        this.kind = kind;
        this.excType = excType;
        this.exception = exception;
        this.serverMessages = List.copyOf(serverMessages);
        this.request = request;
        this.attempts = attempts;
    }

    /** The HTTP status Frappe answered with; 0 when there was no answer. */
    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }

    /** Frappe's {@code exc_type}, e.g. {@code DuplicateEntryError}, when the answer named one. */
    public Optional<String> excType() {
        return Optional.ofNullable(excType);
    }

    /** Frappe's one-line {@code exception}, e.g. {@code frappe.exceptions.ValidationError: Sender ID is required}. */
    public Optional<String> exception() {
        return Optional.ofNullable(exception);
    }

    /** The messages Frappe showed the user ({@code _server_messages}), as plain text; empty if none. */
    public List<String> serverMessages() {
        return serverMessages;
    }

    /** The request that failed, e.g. {@code GET /api/resource/Messenger%20Message/MSG-0001} (no query, no headers). */
    public String request() {
        return request;
    }

    /** How many times the request was sent. */
    public int attempts() {
        return attempts;
    }

    /** Whether trying again later may succeed: rate limited, a server fault, or no answer. */
    public boolean isTransient() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER || kind == Kind.UNAVAILABLE;
    }
}
