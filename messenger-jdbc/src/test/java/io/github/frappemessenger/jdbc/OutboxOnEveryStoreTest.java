package io.github.frappemessenger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.MessengerException;
import io.github.frappemessenger.SaveResult;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.lifecycle.DuplicateMessageException;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.TransactionalOutbox;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.fixtures.RecordingPublisher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Saves through a {@link Messenger} on each database: durable, events only after the commit, none on rollback. */
class OutboxOnEveryStoreTest {
    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    private JdbcMessengerStore open(String url, String prefix) {
        JdbcMessengerStore store = TestDatabase.open(url, prefix);
        cleanups.add(0, store::close);
        return store;
    }

    private String[] fresh(TestDatabase database) {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        cleanups.add(() -> TestDatabase.drop(url, prefix));
        return new String[] {url, prefix};
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReopenedStoreContinuesTheSameInbox(TestDatabase database) {
        String[] at = fresh(database);
        try (JdbcMessengerStore first = TestDatabase.open(at[0], at[1])) {
            first.messenger().build().save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        }
        JdbcMessengerStore again = open(at[0], at[1]);
        SaveResult second = again.messenger().build().save(
                Docs.with(Docs.incoming("MSG-2", "42", "again", "2026-11-20 10:01:00"), "custom_lead", "CRM-7"));

        assertThat(StoreRows.conversations(again).size()).isEqualTo(1);
        assertThat(again.messages().countUnread(second.message().conversation())).isEqualTo(2);
        assertThat(again.messages().get("MSG-2").orElseThrow().extra().get("custom_lead")).isEqualTo("CRM-7");
        assertThat(again.conversations().get(second.message().conversation()).orElseThrow().lastMessage())
                .isEqualTo("again");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStoreOpensInADatabaseThatHoldsTheApplicationsOwnTables(TestDatabase database) throws SQLException {
        String[] at = fresh(database);
        String appTable = "app_" + at[1] + "orders";
        try (Connection c = DriverManager.getConnection(at[0]); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + appTable + " (id INT PRIMARY KEY)");
        }
        cleanups.add(0, () -> {
            try (Connection c = DriverManager.getConnection(at[0]); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + appTable);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        JdbcMessengerStore store = open(at[0], at[1]);

        assertThat(store.messenger().build().save(doc("MSG-1", "42")).inserted()).isTrue();
        assertThat(StoreRows.conversations(store).size()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aProvidersRetryUnderAnotherNameIsRefusedAndAnnouncedOnce(TestDatabase database) {
        String[] at = fresh(database);
        JdbcMessengerStore store = open(at[0], at[1]);
        RecordingPublisher heard = new RecordingPublisher();
        Messenger messenger = store.messenger().addPublisher(heard).build();
        messenger.save(Docs.with(doc("MSG-1", "42"), "message_id", "m.provider.1"));

        assertThatExceptionOfType(DuplicateMessageException.class)
                .isThrownBy(() -> messenger.save(Docs.with(doc("MSG-2", "42"), "message_id", "m.provider.1")));
        assertThatExceptionOfType(DuplicateMessageException.class)
                .as("the unique key, beneath validate")
                .isThrownBy(() -> store.messages().save(MessengerMessage.fromDoc(
                Docs.with(doc("MSG-3", "42"), "message_id", "m.provider.1"))));

        assertThat(StoreRows.messages(store).size()).isEqualTo(1);
        assertThat(heard.events()).hasSize(4);
        assertThat(store.messages().nameByMessageId("Messenger", "m.provider.1").orElseThrow()).isEqualTo("MSG-1");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eventsArePublishedOnlyAfterTheSaveIsCommitted(TestDatabase database) {
        String[] at = fresh(database);
        JdbcMessengerStore store = open(at[0], at[1]);
        List<Boolean> committedWhenPublished = new ArrayList<>();
        RecordingPublisher heard = new RecordingPublisher();
        Messenger messenger = store.messenger().addPublisher(heard).addPublisher(e -> {
            committedWhenPublished.add(visibleFromAnotherConnection(at[0], store.table("message"), "MSG-1"));
        }).build();

        SaveResult r = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));

        assertThat(heard.events()).isEqualTo(r.events());
        assertThat(heard.names())
                .isEqualTo(List.of("messenger:conversation_update", "messenger:message_update", "messenger:unread_update",
                "messenger:message_status_update"));
        assertThat(committedWhenPublished).isEqualTo(List.of(true, true, true, true));
        assertThat(store.pendingEvents()).isEqualTo(0);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRolledBackSaveStoresNothingAndEmitsNothing(TestDatabase database) {
        String[] at = fresh(database);
        JdbcMessengerStore store = open(at[0], at[1]);
        RecordingPublisher heard = new RecordingPublisher();
        Messenger messenger = Messenger.builder().conversationStore(store.conversations())
                .messageStore(store.messages()).transactionalOutbox(failingAdd(store.outbox()))
                .addPublisher(heard).build();

        assertThatExceptionOfType(MessengerException.class)
                .isThrownBy(() -> messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")));

        assertThat(store.messages().get("MSG-1")).as("the message was rolled back").isEmpty();
        assertThat(StoreRows.conversations(store).size()).as("the new conversation was rolled back").isEqualTo(0);
        assertThat(store.pendingEvents()).isEqualTo(0);
        assertThat(messenger.relayPending()).isEqualTo(0);
        assertThat(heard.events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aPublisherThatFailsLeavesTheEventsForTheNextRelayInOrder(TestDatabase database) {
        String[] at = fresh(database);
        JdbcMessengerStore store = open(at[0], at[1]);
        RecordingPublisher heard = new RecordingPublisher();
        boolean[] down = {true};
        Messenger messenger = store.messenger().addPublisher(events -> {
            if (down[0]) {
                throw new IllegalStateException("Redis away");
            }
            heard.publish(events);
        }).build();

        messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        messenger.save(Docs.outgoing("MSG-2", "42", "hello", "2026-11-20 10:01:00"));
        assertThat(store.pendingEvents()).isEqualTo(7);
        down[0] = false;

        assertThat(messenger.relayPending()).isEqualTo(7);
        assertThat(heard.names())
                .isEqualTo(List.of("messenger:conversation_update", "messenger:message_update", "messenger:unread_update",
                "messenger:message_status_update", "messenger:message_sent", "messenger:conversation_update",
                "messenger:message_status_update"));
        assertThat(messenger.relayPending()).isEqualTo(0);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aLaterSaveSweepsUpTheEventsAnEarlierSaveLeftBehind(TestDatabase database) {
        String[] at = fresh(database);
        JdbcMessengerStore store = JdbcMessengerStore.builder().url(at[0]).tablePrefix(at[1])
                .sweepInterval(Duration.ZERO).open();
        cleanups.add(0, store::close);
        RecordingPublisher heard = new RecordingPublisher();
        boolean[] down = {true};
        Messenger messenger = store.messenger().addPublisher(events -> {
            if (down[0]) {
                throw new IllegalStateException("Redis away");
            }
            heard.publish(events);
        }).build();

        messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        assertThat(store.pendingEvents()).as("left behind by a failing publisher").isEqualTo(4);
        down[0] = false;
        messenger.save(Docs.outgoing("MSG-2", "42", "hello", "2026-11-20 10:01:00"));

        assertThat(heard.names())
                .as("the second save's own events, then the first's, swept after it")
                .isEqualTo(List.of("messenger:message_sent", "messenger:conversation_update",
                "messenger:message_status_update", "messenger:conversation_update", "messenger:message_update",
                "messenger:unread_update", "messenger:message_status_update"));
        assertThat(store.pendingEvents()).isEqualTo(0);
    }

    private static boolean visibleFromAnotherConnection(String url, String table, String name) {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real outbox, except that writing the events fails — after the message and conversation were written. */
    private static TransactionalOutbox failingAdd(TransactionalOutbox real) {
        return new TransactionalOutbox() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return real.inTransaction(work);
            }

            @Override
            public List<Long> add(List<RealtimeEvent> events) {
                throw new MessengerException("outbox full", false);
            }

            @Override
            public void forget(List<Long> ids) {
                real.forget(ids);
            }

            @Override
            public int relay(Consumer<List<RealtimeEvent>> publish) {
                return real.relay(publish);
            }
        };
    }

    static Map<String, Object> doc(String name, String sender) {
        return Docs.incoming(name, sender, "hi", "2026-11-20 10:00:00");
    }
}
