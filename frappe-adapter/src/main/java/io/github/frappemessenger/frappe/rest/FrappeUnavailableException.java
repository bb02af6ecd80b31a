package io.github.frappemessenger.frappe.rest;

import java.io.IOException;
import java.util.List;

/**
 * Frappe gave no answer: the connection was refused or reset, or a timeout struck, on every attempt. The cause is
 * the last {@link IOException} (or the {@link InterruptedException} if the waiting thread was interrupted).
 * {@link #kind()} is {@link Kind#UNAVAILABLE} and {@link #status()} is 0. Immutable and thread-safe.
 */
public final class FrappeUnavailableException extends FrappeException {

    private static final long serialVersionUID = 1L;

    FrappeUnavailableException(String site, String request, int attempts, Exception cause) {
        super(message(site, request, attempts, cause), cause, 0, Kind.UNAVAILABLE, null, null, List.of(), request,
                attempts);
    }

    private static String message(String site, String request, int attempts, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
        return "Frappe at " + site + " did not answer " + request + " (" + tries + "): " + reason;
    }
}
