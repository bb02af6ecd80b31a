package io.github.frappemessenger.frappe.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code frappe.client.bulk_update} (docs/protocol.md, "bulk_update"): several docs changed in one round trip. Each
 * element names {@code doctype} and {@code docname} and carries the fields to set; Frappe loads, updates and saves
 * each in turn (so each runs its hooks and moves its {@code modified}), catches each doc's failure, and answers
 * 200 with the failures only. Immutable.
 *
 * @param doctype the DocType of one doc to change
 * @param docname its name
 * @param fields the fields to set
 */
public record BulkUpdate(String doctype, String docname, Map<String, Object> fields) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BulkUpdate {
        Objects.requireNonNull(doctype, "doctype");
        requireAddressable(docname, "document name");
        fields = Map.copyOf(fields);
    }

    /**
     * Refuses a name that the REST API could never address (blank, {@code .} or {@code ..}; see
     * {@link PathSegment}): a doc that cannot be read or written by name is not written through bulk_update either.
     */
    public static void requireAddressable(String docname, String what) {
        PathSegment.encode(docname, what);
    }

    /**
     * One doc that Frappe could not save.
     *
     * @param doctype and {@code docname}: the element as sent
     * @param excType the exception's class name (e.g. {@code DoesNotExistError}), or "" when the traceback has none
     * @param exception the traceback's last line, e.g. {@code frappe.exceptions.DoesNotExistError: ... not found}
     */
    public record Failure(String doctype, String docname, String excType, String exception) {
        /** The doc is not on the site (deleted, renamed, never committed). */
        public boolean notFound() {
            return excType.equals("DoesNotExistError");
        }
    }

    /**
     * Sends the updates in one {@code POST /api/method/frappe.client.bulk_update}; returns the docs that failed, in
     * the order sent. A failure of the request itself throws {@link FrappeException}, as any call does.
     */
    public static List<Failure> send(FrappeClient frappe, List<BulkUpdate> updates) {
        List<Map<String, Object>> docs = new ArrayList<>(updates.size());
        for (BulkUpdate u : updates) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("doctype", u.doctype());
            doc.put("docname", u.docname());
            doc.putAll(u.fields());
            docs.add(doc);
        }
        String text;
        try {
            text = JSON.writeValueAsString(docs);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bulk_update: a field value cannot be written as JSON", e);
        }
        // Frappe runs json.loads on the argument: it must be a JSON text, not a JSON list.
        Object message = frappe.postMethod("frappe.client.bulk_update", Map.of("docs", text));
        return failures(message);
    }

    private static List<Failure> failures(Object message) {
        List<Failure> out = new ArrayList<>();
        if (!(message instanceof Map<?, ?> m) || !(m.get("failed_docs") instanceof List<?> failed)) {
            return out;
        }
        for (Object f : failed) {
            if (f instanceof Map<?, ?> entry) {
                Map<?, ?> doc = entry.get("doc") instanceof Map<?, ?> d ? d : Map.of();
                String exc = entry.get("exc") == null ? "" : entry.get("exc").toString();
                String last = lastLine(exc);
                out.add(new Failure(String.valueOf(doc.get("doctype")), String.valueOf(doc.get("docname")),
                        excType(last), last));
            }
        }
        return out;
    }

    private static String lastLine(String traceback) {
        String[] lines = traceback.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    /** {@code frappe.exceptions.DoesNotExistError: Messenger Message M-1 not found} gives DoesNotExistError. */
    static String excType(String lastLine) {
        int colon = lastLine.indexOf(':');
        String head = (colon < 0 ? lastLine : lastLine.substring(0, colon)).strip();
        String type = head.substring(head.lastIndexOf('.') + 1);
        return type.matches("[A-Za-z_][A-Za-z0-9_]*") ? type : "";
    }
}
