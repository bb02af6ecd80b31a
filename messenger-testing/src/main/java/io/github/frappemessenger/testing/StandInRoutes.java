package io.github.frappemessenger.testing;

import static io.github.frappemessenger.testing.StandInRequest.json;
import static io.github.frappemessenger.testing.StandInRequest.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-in's routes, as Frappe's {@code frappe.api} and {@code frappe.client} answer them. A route answers null
 * when it does not take the request (the stand-in then answers 404 and keeps it as misdirected). Thread-safe.
 */
final class StandInRoutes {
    private static final String TIMESTAMP_MISMATCH =
            "Document has been modified after you have opened it. Please refresh to get the latest document.";

    private final FrappeStandIn site;
    private final StandInDocs docs;
    private final StandInLog log;

    StandInRoutes(FrappeStandIn site, StandInDocs docs, StandInLog log) {
        this.site = site;
        this.docs = docs;
        this.log = log;
    }

    StandInAnswer route(StandInRequest request) {
        List<String> path = request.path();
        if (path.size() == 3 && path.get(0).equals("api") && path.get(1).equals("method")) {
            return method(request.method(), path.get(2), request.params());
        }
        if (path.size() >= 3 && path.size() <= 4 && path.get(0).equals("api") && path.get(1).equals("resource")
                && !path.get(2).isEmpty() && (path.size() == 3 || !path.get(3).isEmpty())) {
            return resource(request, path.get(2), path.size() == 4 ? path.get(3) : null);
        }
        return null;
    }

    private StandInAnswer method(String http, String dotted, Map<String, Object> p) {
        log.count(http + " " + dotted);
        String doctype = text(p.get("doctype"));
        if (dotted.startsWith("frappe.client.") && !doctype.isEmpty() && site.denied(doctype)) {
            return noPermission(doctype);
        }
        return switch (dotted) {
            case "ping" -> StandInAnswer.message("pong");
            case "frappe.client.get_count" -> {
                Object filters = json(p.get("filters"));
                yield StandInAnswer.message(docs.select(doctype, ListQuery.equalities(filters), ListQuery.filters(filters))
                        .size());
            }
            case "frappe.client.get_list" -> StandInAnswer.message(list(doctype, p));
            case "frappe.client.bulk_update" -> http.equals("GET") // whitelisted for POST and PUT only
                    ? StandInAnswer.error(403, "PermissionError", "Not permitted")
                    : bulkUpdate(json(p.get("docs")));
            default -> StandInAnswer.error(404, "DoesNotExistError", "Failed to get method for command " + dotted);
        };
    }

    private StandInAnswer resource(StandInRequest request, String doctype, String name) {
        String http = request.method();
        log.count(http + " " + doctype + (name == null ? "" : "/<name>"));
        if (site.denied(doctype)) {
            return noPermission(doctype);
        }
        if (name == null) {
            return switch (http) {
                case "GET" -> StandInAnswer.data(list(doctype, request.params()));
                case "POST" -> insert(doctype, request.doc());
                default -> null;
            };
        }
        return switch (http) {
            case "GET" -> found(docs.get(doctype, name), doctype, name);
            case "PUT" -> put(doctype, name, request.doc());
            case "DELETE" -> docs.delete(doctype, name) ? StandInAnswer.message("ok") : StandInAnswer.notFound(doctype, name);
            default -> StandInAnswer.error(405, "PermissionError", "Not permitted");
        };
    }

    private StandInAnswer insert(String doctype, Map<String, Object> doc) {
        Object name = doc.get("name");
        if (name != null && !name.toString().isBlank() && docs.exists(doctype, name.toString())) {
            return StandInAnswer.error(409, "DuplicateEntryError", doctype + " " + name + " already exists");
        }
        Map<String, Object> stored = site.insert(doctype, doc);
        log.wrote(doctype, stored.get("name").toString(), doc);
        return StandInAnswer.data(stored);
    }

    /** A save: Frappe's check_if_latest refuses a {@code modified} that is not the stored one. */
    private StandInAnswer put(String doctype, String name, Map<String, Object> changes) {
        Optional<Map<String, Object>> current = docs.get(doctype, name);
        if (current.isEmpty()) {
            return StandInAnswer.notFound(doctype, name);
        }
        Object modified = changes.get("modified");
        if (modified != null && !modified.equals(current.get().get("modified"))) {
            return StandInAnswer.error(417, "TimestampMismatchError", TIMESTAMP_MISMATCH);
        }
        log.wrote(doctype, name, changes);
        return found(site.update(doctype, name, changes), doctype, name);
    }

    /**
     * {@code frappe.client.bulk_update}: each doc saved on its own; the ones that fail are listed in
     * {@code failed_docs}, each with its traceback in {@code exc}, not raised.
     */
    @SuppressWarnings("unchecked")
    private StandInAnswer bulkUpdate(Object list) {
        List<Object> failed = new ArrayList<>();
        for (Object item : list instanceof List<?> l ? l : List.of()) {
            Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) item);
            String doctype = text(doc.remove("doctype"));
            String name = text(doc.remove("docname"));
            doc.remove("flags");
            StandInAnswer one = site.denied(doctype) ? noPermission(doctype) : put(doctype, name, doc);
            if (!one.ok()) {
                failed.add(Map.of("doc", item, "exc", StandInAnswer.traceback(
                        String.valueOf(FrappeJson.readObject(one.body()).get("exception")))));
            }
        }
        return StandInAnswer.message(Map.of("failed_docs", failed));
    }

    private List<Map<String, Object>> list(String doctype, Map<String, Object> p) {
        Object fields = json(p.get("fields"));
        Object filters = json(p.get("filters"));
        String start = text(p.getOrDefault("limit_start", "0"));
        String pageLength = text(p.getOrDefault("limit_page_length", p.getOrDefault("limit", "20")));
        ListQuery query = new ListQuery(ListQuery.filters(filters),
                fields instanceof List<?> f ? f.stream().map(Object::toString).toList() : List.of(),
                text(p.get("order_by")), text(p.get("group_by")),
                Integer.parseInt(start.isEmpty() ? "0" : start),
                Integer.parseInt(pageLength.isEmpty() ? "20" : pageLength));
        return query.apply(docs.select(doctype, ListQuery.equalities(filters), d -> true));
    }

    private static StandInAnswer found(Optional<Map<String, Object>> doc, String doctype, String name) {
        return doc.map(StandInAnswer::data).orElseGet(() -> StandInAnswer.notFound(doctype, name));
    }

    private static StandInAnswer noPermission(String doctype) {
        return StandInAnswer.error(403, "PermissionError", "No permission for " + doctype);
    }
}
