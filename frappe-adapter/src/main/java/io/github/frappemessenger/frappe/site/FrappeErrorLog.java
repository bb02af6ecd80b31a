package io.github.frappemessenger.frappe.site;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.logging.LogSafe;
import io.github.frappemessenger.port.ErrorLog;
import io.github.frappemessenger.port.ErrorLogEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frappe's Error Log (protocol §5): each entry becomes an "Error Log" doc {@code {method, error, reference_doctype,
 * reference_name}}, so it shows in the desk like one of Frappe's own. When that write fails too (Frappe is the very
 * thing that is down, most likely), the entry goes to slf4j at ERROR instead and {@link #record} returns normally:
 * reporting an error must not raise another. Thread-safe: it holds only the client.
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
            log.error("could not write to Frappe's Error Log ({}); the entry was: {} [{} {}] {}",
                    LogSafe.of(e.getMessage()), LogSafe.of(entry.title()), LogSafe.of(entry.referenceDoctype()),
                    LogSafe.of(entry.referenceName()), LogSafe.of(entry.error()));
        }
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
