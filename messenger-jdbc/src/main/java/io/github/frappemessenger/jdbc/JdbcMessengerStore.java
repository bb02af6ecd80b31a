package io.github.frappemessenger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.MessengerException;
import io.github.frappemessenger.jdbc.internal.Database;
import io.github.frappemessenger.jdbc.internal.Dialect;
import io.github.frappemessenger.jdbc.internal.JdbcConversationStates;
import io.github.frappemessenger.jdbc.internal.JdbcConversationStore;
import io.github.frappemessenger.jdbc.internal.JdbcConversationVersions;
import io.github.frappemessenger.jdbc.internal.JdbcMessageStore;
import io.github.frappemessenger.jdbc.internal.JdbcOutbox;
import io.github.frappemessenger.jdbc.internal.Schema;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.port.TransactionalOutbox;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The messenger's stores on a SQL database: PostgreSQL ({@code jdbc:postgresql://HOST/DB}), MariaDB or MySQL
 * ({@code jdbc:mariadb://HOST/DB}), or an SQLite file ({@code jdbc:sqlite:FILE}, the zero-configuration default:
 * {@link #DEFAULT_URL}). Opening creates or upgrades the tables (Flyway) and a HikariCP pool; {@link #messenger()}
 * wires a {@link Messenger} whose saves are transactions that carry their events (a transactional outbox).
 * Thread-safe; close it to close the pool.
 *
 * <pre>{@code
 * try (JdbcMessengerStore store = JdbcMessengerStore.open("jdbc:sqlite:messenger.db")) {
 *     Messenger messenger = store.messenger().addPublisher(myPublisher).build();
 *     messenger.relayPending();          // events a crash left behind
 *     messenger.save(doc);
 * }
 * }</pre>
 */
public final class JdbcMessengerStore implements AutoCloseable {
    /** An SQLite file {@code messenger.db} in the working directory: durable, no server, several processes. */
    public static final String DEFAULT_URL = "jdbc:sqlite:messenger.db";

    private final Database db;
    private final JdbcConversationStore conversations;
    private final JdbcMessageStore messages;
    private final JdbcOutbox outbox;
    private final JdbcConversationVersions versions;
    private final JdbcConversationStates states;

    private JdbcMessengerStore(Database db, Duration sweepInterval) {
        this.db = db;
        this.conversations = new JdbcConversationStore(db);
        this.messages = new JdbcMessageStore(db);
        this.outbox = new JdbcOutbox(db, sweepInterval);
        this.versions = new JdbcConversationVersions(db);
        this.states = new JdbcConversationStates(db);
    }

    /** Opens the database at that URL with the default table prefix {@code messenger_}. */
    public static JdbcMessengerStore open(String jdbcUrl) {
        return builder().url(jdbcUrl).open();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A messenger builder wired to these stores, this outbox, and the database's event versions and conversation
     * states (columns of the conversation row, so every process on the database numbers one conversation's events
     * from one counter, and announces a block or status change once); add publishers (and more) and build.
     */
    public Messenger.Builder messenger() {
        return Messenger.builder().conversationStore(conversations).messageStore(messages).transactionalOutbox(outbox)
                .conversationVersions(versions).conversationStates(states);
    }

    /** The conversation store; saves through it outside {@link #messenger()} are not transactional. */
    public ConversationStore conversations() {
        return conversations;
    }

    /** The message store; saves through it outside {@link #messenger()} are not transactional. */
    public MessageStore messages() {
        return messages;
    }

    /** Every conversation, oldest first: what an inbox loads on start. */
    public List<MessengerConversation> allConversations() {
        return conversations.all();
    }

    /**
     * The messages of a conversation, oldest first (by timestamp, then name): what a chat pane loads. Like every
     * read and save of the store it runs under its close guard: once {@link #close} has begun it is refused with the
     * store's "closed" {@link IllegalStateException}, and close waits for one already running.
     */
    public List<MessengerMessage> messagesOf(String conversationName) {
        return messages.ofConversation(Objects.requireNonNull(conversationName, "conversationName"));
    }

    public TransactionalOutbox outbox() {
        return outbox;
    }

    /** Events committed but not yet published. */
    public int pendingEvents() {
        return outbox.pending();
    }

    /**
     * The pool, for the application's own queries (and the benchmark's baseline). Those run outside the store's
     * close guard: prefer the store's reads ({@link #messagesOf}, {@link #allConversations}) where they suffice.
     */
    public DataSource dataSource() {
        return db.pool();
    }

    /** The table of that name ({@code conversation}, {@code message}, {@code outbox}) with this store's prefix. */
    public String table(String name) {
        return db.table(name);
    }

    /**
     * Refuses new work ({@link IllegalStateException} "the JDBC messenger store is closed"), waits up to 10 s for the
     * transactions running to end, then closes the pool. Events of saves committed but not yet published stay in the
     * outbox and go out from the next store's {@code relayPending()}.
     */
    @Override
    public void close() {
        db.close();
    }

    /** Where and how to open. Each setter checks its argument at once; nothing connects before {@link #open}. */
    public static final class Builder {
        private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

        private @Nullable String url;
        private @Nullable String user;
        private @Nullable String password;
        private String prefix = "messenger_";
        private int poolSize = 10;
        private Duration sweepInterval = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder url(String jdbcUrl) {
            Dialect.of(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
            this.url = jdbcUrl;
            return this;
        }

        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Put before every table name (default {@code messenger_}): lower-case letters, digits, underscores. */
        public Builder tablePrefix(String prefix) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("tablePrefix must be 1-30 of a-z, 0-9, _ starting with a letter, got "
                        + prefix);
            }
            this.prefix = prefix;
            return this;
        }

        /** Connections in the pool (default 10). */
        public Builder poolSize(int size) {
            if (size < 1 || size > 1000) {
                throw new IllegalArgumentException("poolSize must be between 1 and 1000, got " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * How often, at most, a save looks for events that an earlier save committed but did not publish (its
         * process died, or a publisher failed) and publishes them (default 10 s). Such events wait between one and
         * two intervals; {@link Messenger#relayPending()} publishes them at once.
         */
        public Builder sweepInterval(Duration interval) {
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException("sweepInterval must be zero or positive, got " + interval);
            }
            this.sweepInterval = interval;
            return this;
        }

        /** The URL without its query, which may hold a password. */
        private static String shown(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }

        /**
         * Connects, creates or upgrades the tables, and returns the open store.
         *
         * @throws MessengerException (transient) when the database cannot be reached or migrated
         */
        public JdbcMessengerStore open() {
            if (url == null) {
                throw new IllegalStateException("a JDBC URL is required, e.g. " + DEFAULT_URL);
            }
            Dialect dialect = Dialect.of(url);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setPoolName("messenger-" + prefix);
            config.setMaximumPoolSize(poolSize);
            if (user != null) {
                config.setUsername(user);
            }
            if (password != null) {
                config.setPassword(password);
            }
            if (dialect == Dialect.SQLITE) {
                // WAL: readers never wait for the writer; IMMEDIATE: a transaction takes the write lock when it
                // begins, so two never deadlock upgrading; busy_timeout: a writer waits for another process's.
                config.addDataSourceProperty("journal_mode", "WAL");
                config.addDataSourceProperty("synchronous", "NORMAL");
                config.addDataSourceProperty("busy_timeout", "30000");
                config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            } else {
                config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            }
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new MessengerException("cannot connect to " + shown(url) + ": " + e.getMessage(), true, e);
            }
            try {
                Schema.migrate(pool, dialect, prefix);
            } catch (RuntimeException e) {
                pool.close();
                throw new MessengerException("cannot create or upgrade the tables at " + shown(url) + ": "
                        + e.getMessage(), true, e);
            }
            return new JdbcMessengerStore(new Database(pool, dialect, prefix), sweepInterval);
        }
    }
}
