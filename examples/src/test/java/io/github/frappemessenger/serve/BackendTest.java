package io.github.frappemessenger.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.MessengerDocs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --db}: the API's message list is read through the JDBC store, under its close guard, so a read that
 * comes while the store closes is refused with the store's own error instead of meeting a closed pool.
 */
class BackendTest {

    @Test
    void theJdbcBackendListsAConversationOldestFirstAndRefusesReadsOnceClosed(@TempDir Path dir) {
        Backend backend = Backend.jdbc("jdbc:sqlite:" + dir.resolve("serve.db"), event -> { });
        String conversation = backend.messenger().save(MessengerDocs.message("MSG-B").from("7").text("second")
                .at("2026-11-20 10:00:02").build()).message().conversation();
        backend.messenger().save(MessengerDocs.message("MSG-A").from("7").text("first")
                .at("2026-11-20 10:00:01").build());
        backend.messenger().save(MessengerDocs.message("MSG-C").from("8").text("elsewhere").build());

        assertThat(backend.messages(conversation).stream().map(MessengerMessage::name).toList())
                .isEqualTo(List.of("MSG-A", "MSG-B"));

        backend.close();
        IllegalStateException refused = assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> backend.messages(conversation))
                .actual();
        assertThat(refused.getMessage()).isEqualTo("the JDBC messenger store is closed");
    }
}
