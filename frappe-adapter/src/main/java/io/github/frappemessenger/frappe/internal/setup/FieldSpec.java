package io.github.frappemessenger.frappe.internal.setup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One field of a messenger DocType as Frappe's DocField knows it ({@code fieldname}, {@code fieldtype},
 * {@code label}, {@code options}, {@code default}). {@code required} says whether the messenger cannot work without
 * it; a missing optional field is a warning. Immutable.
 */
public record FieldSpec(String fieldname, String fieldtype, String label, String options, String defaultValue,
                        boolean required) {

    public FieldSpec {
        Objects.requireNonNull(fieldname, "fieldname");
        Objects.requireNonNull(fieldtype, "fieldtype");
        Objects.requireNonNull(label, "label");
    }

    static FieldSpec required(String fieldname, String fieldtype, String label) {
        return new FieldSpec(fieldname, fieldtype, label, null, null, true);
    }

    FieldSpec options(String newOptions) {
        return new FieldSpec(fieldname, fieldtype, label, newOptions, defaultValue, required);
    }

    FieldSpec byDefault(String value) {
        return new FieldSpec(fieldname, fieldtype, label, options, value, required);
    }

    FieldSpec optional() {
        return new FieldSpec(fieldname, fieldtype, label, options, defaultValue, false);
    }

    /** The row of the DocType's {@code fields} table, as POSTed. */
    Map<String, Object> toDocField() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("fieldname", fieldname);
        row.put("fieldtype", fieldtype);
        row.put("label", label);
        if (options != null) {
            row.put("options", options);
        }
        if (defaultValue != null) {
            row.put("default", defaultValue);
        }
        return row;
    }

    /** {@code "platform (Link Messenger Platform)"}: how a report names the field. */
    public String describe() {
        return fieldname + " (" + fieldtype + (options == null ? "" : " " + options.replace("\n", "/")) + ")";
    }
}
