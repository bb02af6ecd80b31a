package io.github.frappemessenger.frappe.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.internal.setup.DocTypeSpec;
import io.github.frappemessenger.frappe.internal.setup.FieldSpec;
import io.github.frappemessenger.frappe.internal.setup.MessengerSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/frappe-site.md's table of what {@code setup} creates is {@link MessengerSchema}, row for row: each DocType in
 * creation order with how it names its docs, each field with its type, options, default and whether it is optional,
 * and the app's DocType JSON file it comes from.
 */
class FrappeSiteDocTest {
    private static final String HEADER = "| DocType | field | type | options / default | from |";

    @Test
    void theGuidesTableOfDocTypesAndFieldsIsTheSchemaSetupCreates() throws Exception {
        List<String> documented = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        String doctype = null;
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("../docs/frappe-site.md"))) {
            if (line.equals(HEADER)) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                    .map(String::strip).toArray(String[]::new);
            if (!cells[0].isEmpty()) {
                doctype = cells[0];
                documented.add(doctype);
                sources.put(doctype.substring(0, doctype.indexOf(" (")), cells[4].replace("`", ""));
            }
            documented.add("  " + cells[1].replace("`", "") + " " + cells[2] + " " + optionsAndDefault(cells[3]));
        }

        List<String> expected = new ArrayList<>();
        for (DocTypeSpec spec : MessengerSchema.DOCTYPES) {
            expected.add(spec.name() + " (" + naming(spec) + ")");
            for (FieldSpec field : spec.fields()) {
                expected.add("  " + field.fieldname() + (field.required() ? "" : " (optional)") + " "
                        + field.fieldtype() + " " + (field.options() == null ? "" : field.options().replace("\n", ", "))
                        + " | " + (field.defaultValue() == null ? "" : field.defaultValue()));
            }
        }
        assertThat(String.join("\n", documented)).isEqualTo(String.join("\n", expected));
        for (DocTypeSpec spec : MessengerSchema.DOCTYPES) {
            assertThat(spec.source())
                    .as(spec.name() + ": the guide names " + sources.get(spec.name()) + ", the schema " + spec.source())
                    .endsWith("/doctype/" + sources.get(spec.name()));
        }
    }

    /** "Messenger Conversation Status, default `Open`" -> "Messenger Conversation Status | Open". */
    private static String optionsAndDefault(String cell) {
        String text = cell.replace("`", "");
        int at = text.indexOf("default ");
        if (at < 0) {
            return text + " | ";
        }
        String options = text.substring(0, at).replaceAll(",\\s*$", "").strip();
        String value = text.substring(at + "default ".length()).split("[;,]")[0].strip();
        return options + " | " + value;
    }

    /** How the guide says a DocType names its docs, from its autoname. */
    private static String naming(DocTypeSpec spec) {
        if (spec.single()) {
            return "Single";
        }
        if (spec.childTable()) {
            return "child table";
        }
        if (spec.autoname() == null) {
            return "hash names";
        }
        if (spec.autoname().startsWith("field:")) {
            return "names by `" + spec.autoname().substring("field:".length()) + "`";
        }
        return "names `" + spec.autoname().substring("format:".length()).replaceAll("[{}]", "") + "`";
    }
}
