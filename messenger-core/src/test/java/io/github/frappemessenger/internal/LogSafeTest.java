package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void aNameWithANewlineStaysOnOneLine() {
        assertThat(LogSafe.of("MSG-1\n[frappe-webhook-1] ERROR forged"))
                .isEqualTo("MSG-1\\n[frappe-webhook-1] ERROR forged");
        assertThat(LogSafe.of("a\rb\tc\0d\u001be\u007ff\u0085g\u2028h"))
                .isEqualTo("a\\rb\\tc\\u0000d\\u001be\\u007ff\\u0085g\\u2028h");
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String plain = "Messenger Message/MSG-0001 é ü 中 \\n";
        assertThat(LogSafe.of(plain)).isSameAs(plain);
        assertThat(LogSafe.of(null)).isEqualTo("null");
        assertThat(LogSafe.of(42)).isEqualTo("42");
    }

    @Test
    void aFailureForTheLogKeepsItsStackButNoRawControlCharacter() {
        IllegalStateException cause = new IllegalStateException("Messenger Conversation C\nERROR forged cause");
        RuntimeException failure = new RuntimeException("secret-1 for MSG\r\nERROR forged", cause);

        Throwable safe = LogSafe.failure(failure, text -> text.replace("secret-1", "****"));

        StringWriter printed = new StringWriter();
        safe.printStackTrace(new PrintWriter(printed));
        String text = printed.toString();
        assertThat(text).startsWith("java.lang.RuntimeException: **** for MSG\\r\\nERROR forged");
        assertThat(text).contains("Caused by: java.lang.IllegalStateException: Messenger Conversation C\\nERROR forged");
        assertThat(text.lines().anyMatch(line -> line.startsWith("ERROR"))).as(text).isFalse();
        assertThat(text).doesNotContain("secret-1");
        assertThat(safe.getStackTrace()[0]).isEqualTo(failure.getStackTrace()[0]);
    }
}
