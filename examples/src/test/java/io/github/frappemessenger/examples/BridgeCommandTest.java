package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeCommandTest {

    @Test
    void aMissingVariableStopsStartUpWithOneLineNamingIt() throws Exception {
        CliRun run = CliRun.of(Map.of("FRAPPE_URL", "https://crm.example.com", "FRAPPE_API_KEY", "k",
                "FRAPPE_API_SECRET", "s", "WEBHOOK_SECRET", "w"), new byte[0], "bridge");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("bridge: REDIS_URL is not set\n");
    }

    @Test
    void listenNamesItsMissingVariablesToo() throws Exception {
        CliRun run = CliRun.of(Map.of("FRAPPE_URL", "https://crm.example.com"), new byte[0], "listen");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("listen: FRAPPE_API_KEY is not set; FRAPPE_API_SECRET is not set\n");
    }

    @Test
    void listenJoinsTheSiteUrlItselfByDefault() {
        ListenConfig config = ListenConfig.fromEnvironment(Map.of("FRAPPE_URL", "https://crm.example.com",
                "FRAPPE_API_KEY", "k", "FRAPPE_API_SECRET", "s"));
        assertThat(config.socketIoUrl()).isEqualTo("https://crm.example.com");
        assertThat(config.site()).isEqualTo("crm.example.com");
        assertThat(ListenConfig.fromEnvironment(Map.of("FRAPPE_URL",
                "http://localhost:8000", "FRAPPE_API_KEY", "k", "FRAPPE_API_SECRET", "s",
                "FRAPPE_SOCKETIO_URL", "http://localhost:9000")).socketIoUrl())
                .isEqualTo("http://localhost:9000");
    }
}
