package io.github.frappemessenger.frappe.site;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what slf4j-simple writes (it prints to whatever {@link System#err} is at the time of each line) until
 * closed. Tests run one at a time, so swapping the stream is safe here.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public LogCapture() {
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    public String text() {
        System.err.flush();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
        original.print(text());
    }
}
