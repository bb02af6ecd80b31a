package io.github.frappemessenger.frappe.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Connection;

/**
 * The emitter's connection once Jedis has opened it (TLS, AUTH, SELECT, CLIENT SETNAME): a batch of PUBLISHes is
 * written as raw RESP into one reusable buffer and sent with one write, and the integer replies are read from the
 * socket directly. Profiling the sender (issue 13) found it spending as much CPU per event as the JSON writing,
 * mostly in Jedis's per-command argument objects and its 8 KiB buffer's many writes. Not thread-safe: the sender
 * thread alone uses it.
 */
final class RespPipe implements AutoCloseable {
    private static final int READ_BUFFER = 16 * 1024;
    /** The write buffer grows up to this; a batch beyond it is written in pieces. */
    private static final int MAX_WRITE_BUFFER = 1 << 20;

    private final Connection connection;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] commandHead;
    private byte[] write = new byte[64 * 1024];
    private final byte[] read = new byte[READ_BUFFER];
    private int readPos;
    private int readLen;

    /** {@code connection} is open and handshaken; {@code socket} is its socket, which this now reads and writes. */
    RespPipe(Connection connection, Socket socket, byte[] channel) throws IOException {
        this.connection = connection;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        String head = "*3\r\n$7\r\nPUBLISH\r\n$" + channel.length + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        this.commandHead = Arrays.copyOf(h, h.length + channel.length + 3);
        System.arraycopy(channel, 0, commandHead, h.length, channel.length);
        commandHead[h.length + channel.length] = '\r';
        commandHead[h.length + channel.length + 1] = '\n';
        commandHead[h.length + channel.length + 2] = '$';
    }

    /**
     * Writes {@code PUBLISH <channel> <text>} for every text, in order, and flushes: in one write while the batch fits
     * {@value #MAX_WRITE_BUFFER} bytes; a larger batch goes out in pieces, and a text that does not fit what is left
     * is written from its own array, so that a batch of 1 MiB messages never needs a buffer of its size (on a small
     * heap that was an OutOfMemoryError on every try, the sender restarting for ever).
     */
    void publish(List<byte[]> texts) throws IOException {
        int len = 0;
        for (byte[] text : texts) {
            int head = commandHead.length + 11 + 2;
            int need = head + text.length + 2;
            if (len + need > write.length && write.length < MAX_WRITE_BUFFER) {
                write = Arrays.copyOf(write, Math.min(MAX_WRITE_BUFFER, Math.max(write.length * 2, len + need)));
            }
            if (len + head + 2 > write.length) {
                out.write(write, 0, len);
                len = 0;
            }
            System.arraycopy(commandHead, 0, write, len, commandHead.length);
            len += commandHead.length;
            len = digits(text.length, len);
            write[len++] = '\r';
            write[len++] = '\n';
            if (len + text.length + 2 > write.length) {
                out.write(write, 0, len);
                out.write(text);
                len = 0;
            } else {
                System.arraycopy(text, 0, write, len, text.length);
                len += text.length;
            }
            write[len++] = '\r';
            write[len++] = '\n';
        }
        out.write(write, 0, len);
        out.flush();
    }

    private int digits(int value, int at) {
        String s = Integer.toString(value);
        for (int i = 0; i < s.length(); i++) {
            write[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    /**
     * Reads one reply: null for an integer reply (PUBLISH's count of receivers), the text of an error reply
     * ({@code -NOPERM ...}). Anything else is a broken stream.
     */
    String reply() throws IOException {
        int type = next();
        StringBuilder line = type == '-' ? new StringBuilder() : null;
        int c;
        while ((c = next()) != '\r') {
            if (line != null) {
                line.append((char) c);
            } else if ((c < '0' || c > '9') && c != '-') {
                throw new IOException("unexpected byte in a Redis integer reply: " + c);
            }
        }
        if (next() != '\n') {
            throw new IOException("a Redis reply line did not end with CRLF");
        }
        if (type == ':') {
            return null;
        }
        if (type == '-') {
            return line.toString();
        }
        throw new IOException("unexpected Redis reply to PUBLISH, type '" + (char) type + "'");
    }

    private int next() throws IOException {
        if (readPos == readLen) {
            readLen = in.read(read, 0, read.length);
            readPos = 0;
            if (readLen <= 0) {
                readLen = 0;
                throw new IOException("Redis closed the connection");
            }
        }
        return read[readPos++] & 0xff;
    }

    @Override
    public void close() {
        connection.close();
    }
}
