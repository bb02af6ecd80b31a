package io.github.frappemessenger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link JdbcMessengerStore#messagesOf}: one conversation's messages, oldest first, refused once the store closes. */
class MessagesOfTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aConversationsMessagesComeOldestFirstAndAClosedStoreRefusesTheRead(TestDatabase database) {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try {
            JdbcMessengerStore store = TestDatabase.open(url, prefix);
            Messenger messenger = store.messenger().build();
            String conversation = messenger.save(Docs.incoming("MSG-3", "42", "third", "2026-11-20 10:00:03"))
                    .message().conversation();
            messenger.save(Docs.incoming("MSG-1", "42", "first", "2026-11-20 10:00:01"));
            messenger.save(Docs.outgoing("MSG-2", "42", "second", "2026-11-20 10:00:02"));
            messenger.save(Docs.incoming("MSG-9", "43", "another sender", "2026-11-20 10:00:00"));

            assertThat(store.messagesOf(conversation).stream().map(MessengerMessage::name).toList())
                    .isEqualTo(List.of("MSG-1", "MSG-2", "MSG-3"));
            assertThat(store.messagesOf("CONV-none")).isEqualTo(List.of());

            store.close();
            IllegalStateException refused = assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> store.messagesOf(conversation))
                    .actual();
            assertThat(refused.getMessage()).isEqualTo("the JDBC messenger store is closed");
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }
}
