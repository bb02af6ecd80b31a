package io.github.frappemessenger.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeCommandTest {

    @Test
    void aMissingVariableStopsStartUpWithOneLineNamingIt() throws Exception {
        CliRun run = CliRun.of(Map.of("FRAPPE_URL", "https://crm.example.com", "FRAPPE_API_KEY", "k",
                "FRAPPE_API_SECRET", "s", "WEBHOOK_SECRET", "w"), new byte[0], "bridge");

        assertEquals(2, run.code());
        assertEquals("bridge: REDIS_URL is not set\n", run.err());
    }

    @Test
    void listenNamesItsMissingVariablesToo() throws Exception {
        CliRun run = CliRun.of(Map.of("FRAPPE_URL", "https://crm.example.com"), new byte[0], "listen");

        assertEquals(2, run.code());
        assertEquals("listen: FRAPPE_API_KEY is not set; FRAPPE_API_SECRET is not set\n", run.err());
    }

    @Test
    void listenJoinsTheSiteUrlItselfByDefault() {
        ListenConfig config = ListenConfig.fromEnvironment(Map.of("FRAPPE_URL", "https://crm.example.com",
                "FRAPPE_API_KEY", "k", "FRAPPE_API_SECRET", "s"));
        assertEquals("https://crm.example.com", config.socketIoUrl());
        assertEquals("crm.example.com", config.site());
        assertEquals("http://localhost:9000", ListenConfig.fromEnvironment(Map.of("FRAPPE_URL",
                "http://localhost:8000", "FRAPPE_API_KEY", "k", "FRAPPE_API_SECRET", "s",
                "FRAPPE_SOCKETIO_URL", "http://localhost:9000")).socketIoUrl());
    }
}
