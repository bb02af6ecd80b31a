package io.github.frappemessenger.frappe.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the stand-in does, as Frappe does, for the site's own meta: who the API user is and what its roles allow
 * (403 PermissionError otherwise), DocTypes (a POSTed custom DocType is checked as Frappe's DocType controller checks
 * it: a Link or Table field's options must name a DocType, each permission row's role must exist, the name must be
 * new), naming ({@code field:x}, Role by {@code role_name}), a known DocType's defaults, Link and Select checks on
 * insert, and fields the DocType does not have being dropped. All of it applies only to DocTypes the stand-in holds a
 * DocType doc for, so tests that never create one see the plain document store. Guarded by the stand-in's monitor.
 */
public final class StandInMeta {
    /** DocTypes every Frappe site has; the stand-in stores their docs without a DocType doc. */
    static final Set<String> BUILT_IN = Set.of("DocType", "Role", "User", "Webhook", "Custom Field", "Custom DocPerm",
            "Error Log", "Webhook Request Log", "RQ Worker");
    private static final Set<String> ADMIN_ONLY = Set.of("DocType", "Role", "Webhook", "Custom Field",
            "Custom DocPerm", "Webhook Request Log", "RQ Worker");
    private static final Set<String> BUILT_IN_ROLES = Set.of("Administrator", "System Manager", "All", "Guest");
    private static final Set<String> STANDARD_FIELDS = Set.of("name", "owner", "creation", "modified", "modified_by",
            "docstatus", "idx", "doctype", "parent", "parentfield", "parenttype");

    /** Frappe's answer to a refused request. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String excType;

        Refusal(int status, String excType, String text) {
            super(text, null, false, false);
            this.status = status;
            this.excType = excType;
        }
    }

    final StandInWebhooks webhooks;
    private final FrappeStandIn site;
    private final java.util.concurrent.atomic.AtomicLong logs = new java.util.concurrent.atomic.AtomicLong();
    private volatile String user = "Administrator";
    private volatile boolean strict;
    private volatile boolean workers;
    private volatile UnaryOperator<Map<String, Object>> siteHook = UnaryOperator.identity();

    StandInMeta(FrappeStandIn site) {
        this.site = site;
        this.webhooks = new StandInWebhooks(entry -> {
            entry.put("name", "WRL-" + logs.incrementAndGet());
            site.save("Webhook Request Log", entry);
        });
    }

    /** The user behind the API token and its roles (default: Administrator, who may do everything). */
    public void apiUser(String name, String... roleNames) {
        List<String> roles = List.of(roleNames);
        user = name;
        List<Map<String, Object>> rows = new ArrayList<>();
        roles.forEach(r -> rows.add(new LinkedHashMap<>(Map.of("role", r, "parentfield", "roles"))));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("roles", rows);
        site.seed("User", doc);
    }

    String user() {
        return user;
    }

    /** From now on, a DocType without a DocType doc (and not built in) is unknown: 404, as on a fresh site. */
    public void strictDocTypes() {
        strict = true;
    }

    /**
     * The site's own Python {@code validate} (a CRM fork's messenger hooks, say): runs on each insert of
     * {@code doctype} before it is stored, and may change the doc.
     */
    public void siteHook(String doctype, UnaryOperator<Map<String, Object>> hook) {
        siteHook = doc -> doctype.equals(doc.get("doctype")) ? hook.apply(doc) : doc;
    }

    /** One background worker runs (as {@code bench start} starts): listed as an RQ Worker; Webhooks are sent. */
    void startWorkers() {
        workers = true;
        site.seed("RQ Worker", Map.of("name", "stand-in.1.default", "status", "idle", "queue_type", "default"));
    }

    /** No background worker runs: none is listed, and Webhooks wait in the queue forever. */
    public void stopWorkers() {
        workers = false;
        site.remove("RQ Worker", "stand-in.1.default");
    }

    /** The Webhook deliveries so far, each {@code "<url> <status>"}. */
    public List<String> webhookLog() {
        return webhooks.log();
    }

    Map<String, Object> doctype(String name) {
        return site.doc("DocType", name);
    }

    /** Refuses what Frappe would refuse before touching {@code doctype}: unknown DocType, missing right. */
    void allow(String method, String doctype, String name) {
        if (strict && !BUILT_IN.contains(doctype) && doctype(doctype) == null) {
            throw new Refusal(404, "DoesNotExistError", "DocType " + doctype + " not found");
        }
        if (user.equals("Administrator")) {
            return;
        }
        Set<String> roles = roles();
        if (doctype.equals("User") && method.equals("GET") && user.equals(name)) {
            return; // a user may read its own User doc
        }
        String ptype = switch (method) {
            case "POST" -> "create";
            case "PUT" -> "write";
            case "DELETE" -> "delete";
            default -> "read";
        };
        boolean allowed;
        if (ADMIN_ONLY.contains(doctype) || doctype.equals("User") || doctype.equals("Error Log")) {
            allowed = roles.contains("System Manager");
        } else {
            Map<String, Object> meta = doctype(doctype);
            allowed = meta == null || rows(meta.get("permissions")).stream()
                    .anyMatch(r -> roles.contains(String.valueOf(r.get("role"))) && truthy(r.get(ptype)));
        }
        if (!allowed) {
            throw new Refusal(403, "PermissionError", "No permission for " + doctype);
        }
    }

    private Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>(List.of("All", "Guest"));
        Map<String, Object> doc = site.doc("User", user);
        if (doc != null) {
            rows(doc.get("roles")).forEach(r -> roles.add(String.valueOf(r.get("role"))));
        }
        return roles;
    }

    /** The doc as Frappe would insert it, or a refusal. Returns the name to give it, or null for the stand-in's own. */
    String prepareInsert(String doctype, Map<String, Object> doc) {
        doc.putAll(siteHook.apply(new LinkedHashMap<>(doc)));
        if (doctype.equals("DocType")) {
            return validateDocType(doc);
        }
        if (doctype.equals("Role")) {
            return unique(doctype, String.valueOf(doc.get("role_name")));
        }
        Map<String, Object> meta = doctype(doctype);
        if (meta == null) {
            return null;
        }
        List<Map<String, Object>> fields = rows(meta.get("fields"));
        Set<String> known = new LinkedHashSet<>(STANDARD_FIELDS);
        fields.forEach(f -> known.add(String.valueOf(f.get("fieldname"))));
        site.all("Custom Field").stream().filter(f -> doctype.equals(f.get("dt")))
                .forEach(f -> known.add(String.valueOf(f.get("fieldname"))));
        doc.keySet().retainAll(known);
        for (Map<String, Object> f : fields) {
            String field = String.valueOf(f.get("fieldname"));
            if (doc.get(field) == null && f.get("default") != null) {
                doc.put(field, f.get("default"));
            }
            checkValue(doctype, f, doc.get(field));
        }
        String autoname = (String) meta.get("autoname");
        return autoname != null && autoname.startsWith("field:")
                ? unique(doctype, String.valueOf(doc.get(autoname.substring(6)))) : null;
    }

    private void checkValue(String doctype, Map<String, Object> field, Object value) {
        if (value == null || String.valueOf(value).isEmpty()) {
            return;
        }
        String type = String.valueOf(field.get("fieldtype"));
        String options = String.valueOf(field.get("options"));
        if (type.equals("Link") && !options.equals("DocType") && site.doc(options, String.valueOf(value)) == null
                && !(options.equals("User") && value.equals(user))) {
            throw new Refusal(417, "LinkValidationError", "Could not find " + field.get("label") + ": " + value);
        }
        if (type.equals("Select") && !List.of(options.split("\n")).contains(String.valueOf(value))) {
            throw new Refusal(417, "ValidationError", doctype + " " + field.get("label") + " cannot be \"" + value
                    + "\". It should be one of " + options.replace("\n", ", "));
        }
    }

    private String validateDocType(Map<String, Object> doc) {
        String name = Objects.toString(doc.get("name"), "");
        if (name.isBlank()) {
            throw new Refusal(417, "ValidationError", "Name is required");
        }
        List<Map<String, Object>> fields = rows(doc.get("fields"));
        for (int i = 0; i < fields.size(); i++) {
            Map<String, Object> f = fields.get(i);
            String type = String.valueOf(f.get("fieldtype"));
            String options = String.valueOf(f.get("options"));
            if ((type.equals("Link") || type.equals("Table")) && !BUILT_IN.contains(options)
                    && doctype(options) == null) {
                throw new Refusal(417, "ValidationError", "Options must be a valid DocType for field "
                        + f.get("label") + " in row " + (i + 1));
            }
        }
        for (Map<String, Object> perm : rows(doc.get("permissions"))) {
            String role = String.valueOf(perm.get("role"));
            if (!BUILT_IN_ROLES.contains(role) && site.doc("Role", role) == null) {
                throw new Refusal(417, "LinkValidationError", "Could not find Permissions: Role: " + role);
            }
        }
        return unique("DocType", name);
    }

    private String unique(String doctype, String name) {
        if (site.doc(doctype, name) != null) {
            throw new Refusal(409, "DuplicateEntryError", doctype + " " + name + " already exists");
        }
        return name;
    }

    /** A Single's doc: what is stored, else its defaults (Frappe answers a never-saved Single with them). */
    Map<String, Object> single(String doctype) {
        Map<String, Object> meta = doctype(doctype);
        if (meta == null || !truthy(meta.get("issingle"))) {
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", doctype);
        doc.put("doctype", doctype);
        rows(meta.get("fields")).forEach(f -> doc.put(String.valueOf(f.get("fieldname")), f.get("default")));
        return doc;
    }

    /** A stored doc as GET answers it; a Single that was never saved answers with its defaults. */
    Map<String, Object> withDefaults(String doctype, String name, Map<String, Object> doc) {
        Map<String, Object> single = doctype.equals(name) ? single(doctype) : null;
        if (single != null && doc != null) {
            single.putAll(doc);
        }
        return single != null ? single : doc == null ? null : new LinkedHashMap<>(doc);
    }

    /** Queues the site's Webhooks for each event on {@code doc}, in order, as Frappe does after the commit. */
    void fire(String doctype, Map<String, Object> doc, String... events) {
        if (!workers) {
            return; // queued for a worker that never comes
        }
        List<Map<String, Object>> hooks = site.all("Webhook");
        for (String event : events) {
            webhooks.fire(doctype, event, doc, hooks);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Object table) {
        return table instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    static boolean truthy(Object v) {
        return v != null && !"0".equals(String.valueOf(v)) && !"false".equals(String.valueOf(v))
                && !String.valueOf(v).isEmpty();
    }
}
