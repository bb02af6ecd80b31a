package io.github.frappemessenger.lifecycle;

import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ErrorLog;
import io.github.frappemessenger.port.ErrorLogEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a failure of on_update to slf4j and to the error log, as Frappe CRM's "Messenger Update Error". The log gets
 * one entry per failure; the error log gets the whole stack trace.
 */
final class UpdateErrorReporter {
    static final String TITLE = MessengerLifecycle.UPDATE_ERROR_TITLE;
    private static final Logger log = LoggerFactory.getLogger(MessengerLifecycle.class);

    private final ErrorLog errorLog;

    UpdateErrorReporter(ErrorLog errorLog) {
        this.errorLog = errorLog;
    }

    /** One failure, one log entry: the failure once, and a line more only if the error log cannot take it. */
    void report(MessengerMessage message, RuntimeException failure) {
        report(MessengerMessage.DOCTYPE, message == null ? null : message.name(), TITLE, failure);
    }

    /** As {@link #report(MessengerMessage, RuntimeException)}, for any doc and Error Log title. */
    void report(String doctype, String name, String title, RuntimeException failure) {
        if (FailureText.isOutage(failure)) {
            log.error("{} for {} {}: {}", title, doctype, LogSafe.of(name), FailureText.oneLine(failure));
        } else {
            log.error("{} for {} {}", title, doctype, LogSafe.of(name), LogSafe.failure(failure));
        }
        try {
            errorLog.record(new ErrorLogEntry(title, stackTrace(failure), doctype, name));
        } catch (RuntimeException logFailure) {
            log.error("could not write the Error Log entry '{}' for {} {}: {}", title, doctype, LogSafe.of(name),
                    FailureText.oneLine(logFailure));
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
