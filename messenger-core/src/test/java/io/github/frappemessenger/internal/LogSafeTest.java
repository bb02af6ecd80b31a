package io.github.frappemessenger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void aNameWithANewlineStaysOnOneLine() {
        assertEquals("MSG-1\\n[frappe-webhook-1] ERROR forged", LogSafe.of("MSG-1\n[frappe-webhook-1] ERROR forged"));
        assertEquals("a\\rb\\tc\\u0000d\\u001be\\u007ff\\u0085g\\u2028h", LogSafe.of("a\rb\tc\0d\u001be\u007ff\u0085g\u2028h"));
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String plain = "Messenger Message/MSG-0001 é ü 中 \\n";
        assertSame(plain, LogSafe.of(plain));
        assertEquals("null", LogSafe.of(null));
        assertEquals("42", LogSafe.of(42));
    }

    @Test
    void aFailureForTheLogKeepsItsStackButNoRawControlCharacter() {
        IllegalStateException cause = new IllegalStateException("Messenger Conversation C\nERROR forged cause");
        RuntimeException failure = new RuntimeException("secret-1 for MSG\r\nERROR forged", cause);

        Throwable safe = LogSafe.failure(failure, text -> text.replace("secret-1", "****"));

        StringWriter printed = new StringWriter();
        safe.printStackTrace(new PrintWriter(printed));
        String text = printed.toString();
        assertTrue(text.startsWith("java.lang.RuntimeException: **** for MSG\\r\\nERROR forged"), text);
        assertTrue(text.contains("Caused by: java.lang.IllegalStateException: Messenger Conversation C\\nERROR forged"),
                text);
        assertFalse(text.lines().anyMatch(line -> line.startsWith("ERROR")), text);
        assertFalse(text.contains("secret-1"));
        assertEquals(failure.getStackTrace()[0], safe.getStackTrace()[0]);
    }
}
