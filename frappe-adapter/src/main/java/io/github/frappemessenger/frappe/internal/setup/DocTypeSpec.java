package io.github.frappemessenger.frappe.internal.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A DocType the messenger needs: its fields, how Frappe names its docs, and who may do what with it. {@link #toDoc()}
 * is the custom DocType {@link SiteSetup} POSTs when the site has none ({@code module: Custom}, {@code custom: 1}).
 * {@code source} names the DocType JSON of the frappe_messenger app the fields were taken from. Immutable.
 */
public record DocTypeSpec(String name, String source, boolean single, boolean childTable, String autoname,
                          List<FieldSpec> fields, Map<String, Set<String>> permissions) {

    /** Where created DocTypes go: Frappe's own module for site-made customisations. */
    public static final String MODULE = "Custom";
    /** The rights System Manager gets on each created DocType (the app's own rows). */
    static final Set<String> FULL = Set.of("read", "write", "create", "delete", "report", "export", "print", "email",
            "share");

    public DocTypeSpec {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        permissions.forEach((role, rights) -> copy.put(role, Set.copyOf(rights)));
        permissions = java.util.Collections.unmodifiableMap(copy);
    }

    public Optional<FieldSpec> field(String fieldname) {
        return fields.stream().filter(f -> f.fieldname().equals(fieldname)).findFirst();
    }

    /** The DocType document to insert. */
    public Map<String, Object> toDoc() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("module", MODULE);
        doc.put("custom", 1);
        doc.put("issingle", single ? 1 : 0);
        doc.put("istable", childTable ? 1 : 0);
        if (autoname != null) {
            doc.put("autoname", autoname);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        fields.forEach(f -> rows.add(f.toDocField()));
        doc.put("fields", rows);
        List<Map<String, Object>> perms = new ArrayList<>();
        // Frappe orders rights in its own column order; the keys are DocPerm's check fields.
        permissions.forEach((role, rights) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("role", role);
            row.put("permlevel", 0);
            for (String right : List.of("read", "write", "create", "delete", "report", "export", "print", "email",
                    "share")) {
                if (rights.contains(right)) {
                    row.put(right, 1);
                }
            }
            perms.add(row);
        });
        doc.put("permissions", perms);
        return doc;
    }
}
