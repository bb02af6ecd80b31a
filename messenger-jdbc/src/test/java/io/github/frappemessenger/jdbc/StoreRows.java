package io.github.frappemessenger.jdbc;

import io.github.frappemessenger.jdbc.internal.JdbcConversationStore;
import io.github.frappemessenger.jdbc.internal.JdbcMessageStore;

/** The tests' view of a store's rows: the whole-table reads the public ports do not offer. */
final class StoreRows {
    private StoreRows() {
    }

    static JdbcConversationStore conversations(JdbcMessengerStore store) {
        return (JdbcConversationStore) store.conversations();
    }

    static JdbcMessageStore messages(JdbcMessengerStore store) {
        return (JdbcMessageStore) store.messages();
    }
}
