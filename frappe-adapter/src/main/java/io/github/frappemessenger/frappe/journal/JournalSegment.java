package io.github.frappemessenger.frappe.journal;

import io.github.frappemessenger.frappe.internal.journal.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * One append-only journal file. A record is {@code type (1 byte: E entry, D done) | seq (8) | payload length (4) |
 * CRC-32 of the payload (4) | payload}; an entry's payload holds arrival time, event, DocType, name and body. A crash
 * mid-write leaves a torn last record: reading stops there (that delivery was never answered 2xx, since the answer
 * waits for the write and its fsync). Not thread-safe: {@link DeliveryJournal} serialises all access.
 */
final class JournalSegment implements AutoCloseable {
    static final String PREFIX = "deliveries-";
    static final String SUFFIX = ".log";
    private static final byte ENTRY = 'E';
    private static final byte DONE = 'D';
    private static final int HEADER = 1 + 8 + 4 + 4;

    final Path path;
    final long firstSeq;
    private final FileChannel channel;
    int pending;

    private JournalSegment(Path path, long firstSeq, FileChannel channel) {
        this.path = path;
        this.firstSeq = firstSeq;
        this.channel = channel;
    }

    static Path pathOf(Path dir, long firstSeq) {
        return dir.resolve(String.format("%s%020d%s", PREFIX, firstSeq, SUFFIX));
    }

    static boolean isSegment(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    /** Opens a segment for appending: a new file, or an old one whose entries are not all done. */
    static JournalSegment open(Path path, long firstSeq) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new JournalSegment(path, firstSeq, channel);
    }

    /** Writes an entry; {@code force} makes it durable before returning. */
    void appendEntry(JournalEntry entry, boolean force) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entry.bodyLength());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(entry.arrived().toEpochMilli());
            writeText(out, entry.event());
            writeText(out, entry.doctype());
            writeText(out, entry.name());
            out.writeInt(entry.bodyLength());
            out.write(entry.body());
        }
        write(ENTRY, entry.seq(), bytes.toByteArray());
        if (force) {
            channel.force(false);
        }
    }

    /**
     * Marks an entry done. Not forced: a process killed later still leaves it in the page cache; only a machine
     * crash can lose it, and then the delivery is replayed (processing is idempotent per doc state).
     */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IOException("a journal text field is over 65,535 bytes");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    void appendDone(long seq) throws IOException {
        write(DONE, seq, new byte[0]);
    }

    void force() throws IOException {
        channel.force(false);
    }

    long size() throws IOException {
        return channel.size();
    }

    private void write(byte type, long seq, byte[] payload) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        record.put(type).putLong(seq).putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
    }

    /** Reads a segment's records in order: entries to {@code entries}, done marks to {@code done}. */
    static void read(Path path, Consumer<JournalEntry> entries, Consumer<Long> done, Consumer<String> tornTail)
            throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(path));
        while (data.remaining() >= HEADER) {
            int start = data.position();
            byte type = data.get();
            long seq = data.getLong();
            int length = data.getInt();
            int expected = data.getInt();
            if ((type != ENTRY && type != DONE) || length < 0 || length > data.remaining()) {
                tornTail.accept(path.getFileName() + " at byte " + start);
                return;
            }
            byte[] payload = new byte[length];
            data.get(payload);
            CRC32 crc = new CRC32();
            crc.update(payload);
            if ((int) crc.getValue() != expected) {
                tornTail.accept(path.getFileName() + " at byte " + start);
                return;
            }
            if (type == DONE) {
                done.accept(seq);
            } else {
                entries.accept(decode(seq, payload));
            }
        }
        if (data.hasRemaining()) {
            tornTail.accept(path.getFileName() + " at byte " + data.position());
        }
    }

    private static JournalEntry decode(long seq, byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        Instant arrived = Instant.ofEpochMilli(in.getLong());
        String event = utf(in);
        String doctype = utf(in);
        String name = utf(in);
        byte[] body = new byte[in.getInt()];
        in.get(body);
        return new JournalEntry(seq, event, doctype, name, arrived, body);
    }

    /** An unsigned 16-bit length, then UTF-8. */
    private static String utf(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var stream = Files.list(dir)) {
            stream.filter(JournalSegment::isSegment).sorted().forEach(files::add);
        }
        return files;
    }

    static long firstSeqOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.close();
        }
    }
}
