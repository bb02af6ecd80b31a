package io.github.frappemessenger.frappe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.fixtures.PublicApi;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The module's public surface is what docs/api.md lists: a new public top-level type outside an {@code internal}
 * package fails here until it is listed there (or moved under {@code internal}, or made package-private).
 */
class PublicApiTest {
    private static final String MODULE = "frappe-adapter";

    @Test
    void publicTypesOutsideInternalAreTheOnesDocsApiListsForThisModule() throws IOException {
        assertThat(PublicApi.compiled())
                .as("public top-level types outside 'internal' packages vs docs/api.md § " + MODULE)
                .isEqualTo(PublicApi.listed(MODULE));
    }
}
