package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.internal.setup.DocTypeSpec;
import io.github.frappemessenger.frappe.internal.setup.FieldSpec;
import io.github.frappemessenger.frappe.internal.setup.MessengerSchema;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.ListQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks (and, unless only checking, creates) the messenger's DocTypes and the records they need. An existing DocType
 * is never changed: each field it lacks is reported, with the type to add it as. Its fields are the DocType's own
 * plus the site's Custom Fields for it, as Frappe's meta merges them. Not thread-safe; one run at a time.
 */
final class DocTypeSetup {
    private final FrappeClient frappe;
    private final boolean create;
    private boolean settingsCreated;

    DocTypeSetup(FrappeClient frappe, boolean create) {
        this.frappe = frappe;
        this.create = create;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        for (DocTypeSpec spec : MessengerSchema.DOCTYPES) {
            checks.add(docType(spec));
        }
        for (MessengerSchema.SeedRecord record : MessengerSchema.RECORDS) {
            checks.add(record(record));
        }
        checks.add(settingsEnabled());
        return checks;
    }

    private Check docType(DocTypeSpec spec) {
        String name = "doctype " + spec.name();
        try {
            Optional<Map<String, Object>> existing = frappe.getDoc("DocType", spec.name());
            if (existing.isEmpty()) {
                if (!create) {
                    return Check.notReady(name, "missing; setup creates it as a custom DocType with "
                            + spec.fields().size() + " fields");
                }
                frappe.insert("DocType", spec.toDoc());
                settingsCreated |= spec.single() && spec.name().equals(MessengerSchema.SETTINGS);
                return Check.created(name, "custom DocType (module " + DocTypeSpec.MODULE + ") with fields "
                        + String.join(", ", spec.fields().stream().map(FieldSpec::fieldname).toList()));
            }
            return compare(spec, name, existing.get());
        } catch (FrappeException e) {
            return Check.failed(name, Failures.describe(e, create ? "read or create DocTypes" : "read DocTypes"));
        }
    }

    private Check compare(DocTypeSpec spec, String name, Map<String, Object> doctype) {
        Map<String, Map<String, Object>> fields = new HashMap<>();
        rows(doctype.get("fields")).forEach(row -> fields.put(String.valueOf(row.get("fieldname")), row));
        customFields(spec.name()).forEach(row -> fields.putIfAbsent(String.valueOf(row.get("fieldname")), row));
        List<String> missing = new ArrayList<>();
        List<String> optionalMissing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (FieldSpec field : spec.fields()) {
            Map<String, Object> row = fields.get(field.fieldname());
            if (row == null) {
                (field.required() ? missing : optionalMissing).add(field.describe());
            } else if (!field.fieldtype().equals(row.get("fieldtype"))) {
                different.add(field.fieldname() + " is " + row.get("fieldtype") + ", expected " + field.fieldtype());
            }
        }
        if (spec.single() != truthy(doctype.get("issingle"))) {
            missing.add(spec.single() ? "is not a Single DocType" : "is a Single DocType");
        }
        String extra = (optionalMissing.isEmpty() ? "" : "; optional, absent: " + String.join(", ", optionalMissing))
                + (different.isEmpty() ? "" : "; " + String.join(", ", different));
        if (!missing.isEmpty()) {
            return Check.notReady(name, "exists but lacks " + String.join(", ", missing)
                    + " (left as it is: add them as Custom Fields)" + extra);
        }
        if (!optionalMissing.isEmpty() || !different.isEmpty()) {
            return Check.warning(name, "exists with every required field" + extra);
        }
        return Check.ready(name, "exists with all " + spec.fields().size() + " fields the messenger uses");
    }

    private List<Map<String, Object>> customFields(String doctype) {
        return frappe.getList(ListQuery.builder("Custom Field").fields("fieldname", "fieldtype", "options")
                .where("dt", "=", doctype).limitPageLength(0).build());
    }

    private Check record(MessengerSchema.SeedRecord record) {
        String name = record.doctype() + " " + record.name();
        try {
            if (frappe.getDoc(record.doctype(), record.name()).isPresent()) {
                return Check.ready(name, "exists");
            }
            if (!create) {
                return Check.notReady(name, "missing; setup creates it");
            }
            frappe.insert(record.doctype(), new HashMap<>(record.doc()));
            return Check.created(name, "inserted");
        } catch (FrappeException e) {
            return Check.failed(name, Failures.describe(e, "read or insert " + record.doctype()));
        }
    }

    private Check settingsEnabled() {
        String name = MessengerSchema.SETTINGS + " enabled";
        try {
            Optional<Map<String, Object>> settings = frappe.getDoc(MessengerSchema.SETTINGS, MessengerSchema.SETTINGS);
            if (settings.isPresent() && truthy(settings.get().get("enabled"))) {
                return Check.ready(name, "Enabled is ticked");
            }
            if (settingsCreated) {
                frappe.update(MessengerSchema.SETTINGS, MessengerSchema.SETTINGS, Map.of("enabled", 1));
                return Check.created(name, "ticked Enabled on the new Messenger Settings");
            }
            return Check.notReady(name, "Enabled is not ticked: the messenger ignores every message until an admin"
                    + " ticks it in Messenger Settings");
        } catch (FrappeException e) {
            return Check.failed(name, Failures.describe(e, "read Messenger Settings"));
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Object table) {
        return table instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    static boolean truthy(Object value) {
        return value != null && !"0".equals(String.valueOf(value)) && !"false".equals(String.valueOf(value))
                && !String.valueOf(value).isEmpty();
    }
}
