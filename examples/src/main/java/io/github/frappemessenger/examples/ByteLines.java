package io.github.frappemessenger.examples;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, with a {@code \r} before it dropped) without decoding them, so that a
 * line of bad bytes can be reported and skipped instead of ending the run or being silently replaced. Not
 * thread-safe.
 */
final class ByteLines {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private byte[] line = new byte[256];
    private int length;
    private boolean eof;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line's length, its bytes in {@link #bytes()}; -1 at the end of the stream. */
    int next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (start == end) {
                if (eof || !fill()) {
                    return any ? trimmed() : -1;
                }
            }
            any = true;
            int newline = indexOfNewline();
            int stop = newline < 0 ? end : newline;
            append(stop - start);
            start = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                return trimmed();
            }
        }
    }

    /** The bytes of the line {@link #next()} returned; valid up to its length until the next call. */
    byte[] bytes() {
        return line;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            eof = true;
            return false;
        }
        start = 0;
        end = n;
        return true;
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int n) {
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buffer, start, line, length, n);
        length += n;
    }

    private int trimmed() {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return length;
    }
}
