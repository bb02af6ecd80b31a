package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.internal.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The UTF-8 bytes of {@link EventJson#toRedisJson}, byte for byte, written straight from the event's payload map
 * instead of through Jackson's tree walk and an intermediate {@code String}. Profiling the emitter showed its
 * caller spending nine tenths of its time in that JSON writing (issue 13), while the sender thread waited.
 *
 * <p>Strings, booleans, whole numbers, nulls, maps with string keys and lists are written here, with Jackson's
 * escapes (the two-character forms for {@code \b \t \n \f \r " \}, a backslash-u escape with upper-case hex for other
 * control characters, everything else as is). Any other value (a double, a date object, a custom type) is handed
 * to the {@link EventJson} it was built with, so the output never differs from what that writer gives.
 * Thread-safe: no state but the immutable namespace tail.
 */
final class RedisEventBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = ascii("{\"event\":");
    private static final byte[] MESSAGE = ascii(",\"message\":");
    private static final byte[] ROOM = ascii(",\"room\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private final EventJson fallback;
    private final byte[] namespaceTail;

    RedisEventBytes(EventJson fallback, String namespace) {
        this.fallback = fallback;
        Out out = new Out(64);
        out.raw(ascii(",\"namespace\":"));
        out.string(namespace);
        out.raw((byte) '}');
        this.namespaceTail = out.toBytes();
    }

    /** {@code {"event": ..., "message": {...}, "room": ..., "namespace": <site>}} as UTF-8. */
    byte[] toRedisJson(RealtimeEvent e) {
        Out out = new Out(512);
        out.raw(EVENT);
        out.string(e.event().eventName());
        out.raw(MESSAGE);
        value(out, e.event().payload());
        out.raw(ROOM);
        out.string(e.room().name());
        out.raw(namespaceTail);
        return out.toBytes();
    }

    private void value(Out out, Object v) {
        if (v == null) {
            out.raw(NULL);
        } else if (v instanceof String s) {
            out.string(s);
        } else if (v instanceof Boolean b) {
            out.raw(b ? TRUE : FALSE);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.number(((Number) v).longValue());
        } else if (v instanceof Map<?, ?> m && stringKeys(m)) {
            out.raw((byte) '{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                if (!first) {
                    out.raw((byte) ',');
                }
                first = false;
                out.string((String) entry.getKey());
                out.raw((byte) ':');
                value(out, entry.getValue());
            }
            out.raw((byte) '}');
        } else if (v instanceof List<?> list) {
            out.raw((byte) '[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.raw((byte) ',');
                }
                value(out, list.get(i));
            }
            out.raw((byte) ']');
        } else {
            out.raw(fallback.write(v).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growing byte array; one per event. */
    private static final class Out {
        private byte[] buf;
        private int len;

        Out(int initial) {
            buf = new byte[initial];
        }

        private void room(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        void raw(byte b) {
            room(1);
            buf[len++] = b;
        }

        void raw(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
        }

        /** A whole number in decimal, as Long.toString writes it, without the string. */
        void number(long value) {
            if (value == Long.MIN_VALUE) {
                raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            room(20);
            if (value < 0) {
                buf[len++] = '-';
                value = -value;
            }
            int start = len;
            do {
                buf[len++] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value != 0);
            for (int i = start, j = len - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        }

        /**
         * A JSON string, quoted. Plain ASCII is copied char by char; from the first character that is not, the rest
         * goes through {@link #rest}.
         */
        void string(String s) {
            int n = s.length();
            room(n + 2);
            byte[] b = buf;
            int p = len;
            b[p++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                    len = p;
                    rest(s.substring(i));
                    return;
                }
                b[p++] = (byte) c;
            }
            b[p++] = '"';
            len = p;
        }

        /**
         * The rest of a string from its first special character: its UTF-8 bytes with the ASCII characters Jackson
         * escapes escaped. UTF-8 never uses bytes below 0x80 inside a multi-byte character, so escaping byte by
         * byte is exact, and a lone surrogate becomes '?' as it does when Jackson's string is encoded.
         */
        private void rest(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                if ((b >= 0x20 || b < 0) && b != '"' && b != '\\') {
                    raw(b);
                } else {
                    escape((char) b);
                }
            }
            raw((byte) '"');
        }

        private void escape(char c) {
            room(6);
            buf[len++] = '\\';
            switch (c) {
                case '"', '\\' -> buf[len++] = (byte) c;
                case '\b' -> buf[len++] = 'b';
                case '\t' -> buf[len++] = 't';
                case '\n' -> buf[len++] = 'n';
                case '\f' -> buf[len++] = 'f';
                case '\r' -> buf[len++] = 'r';
                default -> {
                    buf[len++] = 'u';
                    buf[len++] = '0';
                    buf[len++] = '0';
                    buf[len++] = HEX[c >> 4];
                    buf[len++] = HEX[c & 0xF];
                }
            }
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, len);
        }
    }
}
