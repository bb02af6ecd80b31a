package io.github.frappemessenger.benchmarks;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.SaveResult;
import io.github.frappemessenger.jdbc.JdbcMessengerStore;
import io.github.frappemessenger.model.MessengerMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A {@link Messenger} save on each database (one transaction with the message, the conversation change and four
 * outbox events; after the commit the saving thread publishes them and deletes their rows) beside the baseline of
 * the same run: a bare JDBC transaction on the same pool that inserts the same message row, updates a conversation
 * row (one of eight, so that four threads rarely wait for one row) and inserts the same four outbox rows. Tables get a fresh prefix per trial and are dropped after it. The servers are
 * the test ones: PostgreSQL 127.0.0.1:5432 and MariaDB 127.0.0.1:3306, database {@code test}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class JdbcSaveBenchmark {
    private static final int SENDERS = 1_000;

    @Param({"sqlite", "postgresql", "mariadb"})
    public String database;

    private final AtomicLong sequence = new AtomicLong();
    private Path sqliteDir;
    private JdbcMessengerStore store;
    private Messenger messenger;
    private final String[] conversationNames = new String[8];
    private String conversationDoc;
    private String messageDoc;
    private final String[] eventPayloads = new String[4];

    @Setup(Level.Trial)
    public void open() throws Exception {
        String url = switch (database) {
            case "postgresql" -> "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
            case "mariadb" -> "jdbc:mariadb://127.0.0.1:3306/test?user=root";
            default -> {
                sqliteDir = Files.createTempDirectory("messenger-bench");
                yield "jdbc:sqlite:" + sqliteDir.resolve("bench.db");
            }
        };
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 8) + "_";
        store = JdbcMessengerStore.builder().url(url).tablePrefix(prefix).open();
        messenger = store.messenger().addPublisher(event -> { }).build();
        // The baseline's rows, shaped as the save writes them.
        SaveResult sample = messenger.save(doc("sample", "baseline-sender"));
        MessengerMessage m = sample.message();
        conversationNames[0] = m.conversation();
        for (int i = 1; i < conversationNames.length; i++) {
            conversationNames[i] = messenger.save(doc("sample-" + i, "baseline-sender-" + i)).message().conversation();
        }
        conversationDoc = json(store.conversations().get(m.conversation()).orElseThrow().toDoc());
        messageDoc = json(m.toDoc());
        for (int i = 0; i < 4; i++) {
            eventPayloads[i] = json(sample.events().get(i).event().payload());
        }
    }

    @TearDown(Level.Trial)
    public void drop() throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("conversation", "message", "outbox", "relay_lock", "schema_history")) {
                s.execute("DROP TABLE IF EXISTS " + store.table(t));
            }
        }
        store.close();
        if (sqliteDir != null) {
            for (Path p : Files.list(sqliteDir).toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(sqliteDir);
        }
    }

    /** A new incoming message from one of 1,000 senders: insert path, four events, relayed after the commit. */
    @Benchmark
    public SaveResult messengerSave() {
        long n = sequence.incrementAndGet();
        return messenger.save(doc("BENCH-" + n, "sender-" + (n % SENDERS)));
    }

    /** As {@link #messengerSave}, from four threads at once (saves of different senders in parallel). */
    @Benchmark
    @Threads(4)
    public SaveResult messengerSave4Threads() {
        return messengerSave();
    }

    /** As {@link #bareJdbcInsert}, from four threads at once. */
    @Benchmark
    @Threads(4)
    public int bareJdbcInsert4Threads() throws SQLException {
        return bareJdbcInsert();
    }

    /** Baseline: the same rows in one bare JDBC transaction on the same pool, nothing read, nothing relayed. */
    @Benchmark
    public int bareJdbcInsert() throws SQLException {
        long n = sequence.incrementAndGet();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            int rows;
            try (PreparedStatement msg = c.prepareStatement("INSERT INTO " + store.table("message")
                    + " (name, conversation, direction, is_read, doc) VALUES (?, ?, ?, ?, ?)")) {
                msg.setString(1, "BARE-" + n);
                msg.setString(2, conversationNames[(int) (n % conversationNames.length)]);
                msg.setString(3, "Incoming");
                msg.setInt(4, 0);
                msg.setString(5, messageDoc);
                rows = msg.executeUpdate();
            }
            try (PreparedStatement conv = c.prepareStatement(
                    "UPDATE " + store.table("conversation") + " SET doc = ? WHERE name = ?")) {
                conv.setString(1, conversationDoc);
                conv.setString(2, conversationNames[(int) (n % conversationNames.length)]);
                rows += conv.executeUpdate();
            }
            try (PreparedStatement out = c.prepareStatement(
                    "INSERT INTO " + store.table("outbox") + " (event, room, payload) VALUES (?, 'all', ?)")) {
                for (String payload : eventPayloads) {
                    out.setString(1, "messenger:event");
                    out.setString(2, payload);
                    out.addBatch();
                }
                rows += out.executeBatch().length;
            }
            c.commit();
            return rows;
        }
    }

    static Map<String, Object> doc(String name, String sender) {
        return Map.of("name", name, "message", "hello from " + sender, "sender_id", sender,
                "timestamp", "2026-11-20 10:00:00", "message_direction", "Incoming", "is_read", 0,
                "content_type", "text", "status", "received", "platform", "Messenger");
    }

    private static String json(Object value) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    }

}
