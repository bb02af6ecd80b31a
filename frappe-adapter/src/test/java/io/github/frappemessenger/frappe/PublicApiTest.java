package io.github.frappemessenger.frappe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's public surface is what docs/api.md lists: a new public top-level type outside an {@code internal}
 * package fails here until it is listed there (or moved under {@code internal}, or made package-private).
 */
class PublicApiTest {
    static final String MODULE = "frappe-adapter";

    @Test
    void publicTypesOutsideInternalAreTheOnesDocsApiListsForThisModule() throws IOException {
        assertEquals(listed(Path.of("../docs/api.md"), MODULE), compiled(Path.of("target/classes")),
                "public top-level types outside 'internal' packages vs docs/api.md § " + MODULE);
    }

    /** The names in {@code - `a.b.C`} lines under the heading {@code ## module}. */
    static TreeSet<String> listed(Path doc, String module) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        Pattern item = Pattern.compile("^- `([\\w.]+)`");
        boolean inside = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## ")) {
                inside = line.equals("## " + module) || line.startsWith("## " + module + " ");
            } else if (inside) {
                Matcher m = item.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Top-level classes in the folder whose package has no {@code internal} segment and which are public. */
    static TreeSet<String> compiled(Path classes) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> all = files.map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .filter(n -> !n.contains(".internal."))
                    .toList();
            for (String name : all) {
                if (isPublic(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static boolean isPublic(String name) {
        try {
            return Modifier.isPublic(Class.forName(name, false, PublicApiTest.class.getClassLoader()).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is in target/classes but not on the test class path", e);
        }
    }
}
