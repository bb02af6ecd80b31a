package io.github.frappemessenger.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeCommandTest {

    @Test
    void aMissingVariableStopsStartUpWithOneLineNamingIt() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BridgeCommand(Map.of("FRAPPE_URL", "https://crm.example.com", "FRAPPE_API_KEY", "k",
                "FRAPPE_API_SECRET", "s"), new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[0]);

        assertEquals(2, code);
        assertEquals("bridge: REDIS_URL is not set\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listenNamesItsMissingVariableToo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ListenCommand(Map.of("FRAPPE_URL", "https://crm.example.com"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), new java.util.concurrent.CountDownLatch(0))
                .run(new String[0]);

        assertEquals(2, code);
        assertEquals("listen: FRAPPE_API_KEY is not set\n", err.toString(StandardCharsets.UTF_8));
    }
}
