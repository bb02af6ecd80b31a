package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.port.ErrorLog;
import io.github.frappemessenger.port.ErrorLogEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frappe's Error Log (docs/protocol.md §5): each entry becomes an "Error Log" doc {@code {method, error, reference_doctype,
 * reference_name}}, so it shows in the desk like one of Frappe's own. When that write fails too (Frappe is the very
 * thing that is down, most likely), one ERROR line names the entry (its title, reference and first line; the caller
 * has logged the failure itself) and {@link #record} returns normally: reporting an error must not raise another. Thread-safe: it holds only the client.
 */
public final class FrappeErrorLog implements ErrorLog {
    static final String DOCTYPE = "Error Log";
    /** {@code method} is a Data field, which Frappe caps at 140 characters. */
    static final int MAX_TITLE = 140;
    private static final Logger log = LoggerFactory.getLogger(FrappeErrorLog.class);

    private final FrappeClient frappe;

    public FrappeErrorLog(FrappeClient frappe) {
        this.frappe = Objects.requireNonNull(frappe, "frappe");
    }

    @Override
    public void record(ErrorLogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        try {
            frappe.insert(DOCTYPE, toDoc(entry));
        } catch (RuntimeException e) {
            // One line: the failure itself was logged by whoever recorded it (a whole trace again would triple an
            // outage's log); the entry's first line says which failure this was.
            log.error("could not write to Frappe's Error Log ({}); the entry was: {} [{} {}]: {}",
                    LogSafe.of(e.getMessage()), LogSafe.of(entry.title()), LogSafe.of(entry.referenceDoctype()),
                    LogSafe.of(entry.referenceName()), LogSafe.of(firstLine(entry.error())));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).stripTrailing();
    }

    static Map<String, Object> toDoc(ErrorLogEntry entry) {
        Map<String, Object> doc = new LinkedHashMap<>();
        String title = entry.title() == null ? "Error" : entry.title();
        doc.put("method", title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title);
        doc.put("error", entry.error());
        if (entry.referenceDoctype() != null) {
            doc.put("reference_doctype", entry.referenceDoctype());
        }
        if (entry.referenceName() != null) {
            doc.put("reference_name", entry.referenceName());
        }
        return doc;
    }
}
