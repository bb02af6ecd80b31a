package io.github.frappemessenger.port;

/** An Error Log doc: {@code method} is its title (e.g. "Messenger Update Error"), {@code error} the traceback. */
public record ErrorLogEntry(String title, String error, String referenceDoctype, String referenceName) {
}
