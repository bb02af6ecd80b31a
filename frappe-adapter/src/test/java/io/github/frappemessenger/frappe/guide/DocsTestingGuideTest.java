package io.github.frappemessenger.frappe.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing.md's example is MyWiringTest, word for word, so the guide compiles and runs. */
class DocsTestingGuideTest {
    @Test
    void theGuidesExampleIsMyWiringTest() throws Exception {
        String guide = Files.readString(Path.of("../docs/testing.md"));
        String source = Files.readString(Path.of("src/test/java/io/github/frappemessenger/frappe/guide/MyWiringTest.java"));
        String body = source.substring(source.indexOf("import "));

        assertThat(guide).contains("```java\n" + body + "```\n");
    }
}
