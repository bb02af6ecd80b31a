package io.github.frappemessenger.port;

/** Frappe's Error Log. Implementations are thread-safe; a failing write may throw, callers guard against it. */
public interface ErrorLog {

    void record(ErrorLogEntry entry);
}
