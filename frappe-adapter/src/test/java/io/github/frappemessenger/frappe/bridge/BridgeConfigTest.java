package io.github.frappemessenger.frappe.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {
    private final Map<String, String> env = new HashMap<>(Map.of(
            "FRAPPE_URL", "https://crm.example.com",
            "FRAPPE_API_KEY", "key1",
            "FRAPPE_API_SECRET", "s3cr3t-api",
            "REDIS_URL", "redis://:p4ss@127.0.0.1:11000",
            "WEBHOOK_SECRET", "whs"));

    @Test
    void defaultsTheSiteToTheUrlsHostAndListensOnLoopback8787() {
        BridgeConfig config = BridgeConfig.fromEnvironment(env);
        assertEquals("crm.example.com", config.site());
        assertEquals("127.0.0.1", config.host());
        assertEquals(8787, config.port());
        assertEquals("whs", config.webhookSecret().orElseThrow());
    }

    @Test
    void refusesToStartWithoutAWebhookSecretUnlessInsecureIsSetOnPurpose() {
        env.remove("WEBHOOK_SECRET");
        MissingSettingException e = assertThrows(MissingSettingException.class, () -> BridgeConfig.fromEnvironment(env));
        assertEquals(List.of("WEBHOOK_SECRET"), e.variables());
        assertTrue(e.getMessage().contains("BRIDGE_INSECURE=1"), e.getMessage());
        env.put("BRIDGE_INSECURE", "yes");
        assertThrows(MissingSettingException.class, () -> BridgeConfig.fromEnvironment(env));
        env.put("BRIDGE_INSECURE", "1");
        assertTrue(BridgeConfig.fromEnvironment(env).webhookSecret().isEmpty());
    }

    @Test
    void everyMissingVariableIsNamedAtOnceInOneLine() {
        MissingSettingException e = assertThrows(MissingSettingException.class,
                () -> BridgeConfig.fromEnvironment(Map.of("BRIDGE_PORT", "x")));
        assertEquals(List.of("FRAPPE_URL", "FRAPPE_API_KEY", "FRAPPE_API_SECRET", "REDIS_URL", "WEBHOOK_SECRET",
                "BRIDGE_PORT"), e.variables());
        assertTrue(e.getMessage().startsWith("FRAPPE_URL is not set; FRAPPE_API_KEY is not set; "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void readsEveryOptionalSetting() {
        env.putAll(Map.of("FRAPPE_SITE", "crm.local", "BRIDGE_HOST", "0.0.0.0",
                "BRIDGE_PORT", "9999"));
        BridgeConfig config = BridgeConfig.fromEnvironment(env);
        assertEquals("crm.local", config.site());
        assertEquals("whs", config.webhookSecret().orElseThrow());
        assertEquals("0.0.0.0", config.host());
        assertEquals(9999, config.port());
    }

    @Test
    void eachMissingRequiredVariableIsNamedInOneLine() {
        for (String name : new String[] {"FRAPPE_URL", "FRAPPE_API_KEY", "FRAPPE_API_SECRET", "REDIS_URL"}) {
            Map<String, String> without = new HashMap<>(env);
            without.remove(name);
            MissingSettingException e = assertThrows(MissingSettingException.class,
                    () -> BridgeConfig.fromEnvironment(without));
            assertEquals(name + " is not set", e.getMessage());
            assertEquals(name, e.variable());
        }
    }

    @Test
    void unusableValuesAreNamedToo() {
        env.put("BRIDGE_PORT", "eighty");
        assertEquals("BRIDGE_PORT must be a port number (0-65535)",
                assertThrows(MissingSettingException.class, () -> BridgeConfig.fromEnvironment(env)).getMessage());
        env.put("BRIDGE_PORT", "8787");
        env.put("REDIS_URL", "http://127.0.0.1:6379");
        assertTrue(assertThrows(MissingSettingException.class, () -> BridgeConfig.fromEnvironment(env))
                .getMessage().startsWith("REDIS_URL must be a redis or rediss URL"));
    }

    @Test
    void catchUpRunsEveryThirtySecondsUnlessToldOtherwiseAndZeroTurnsItOff() {
        assertEquals(Duration.ofSeconds(30), BridgeConfig.fromEnvironment(env).catchUpInterval());
        env.put("CATCHUP_INTERVAL_S", "5");
        assertEquals(Duration.ofSeconds(5), BridgeConfig.fromEnvironment(env).catchUpInterval());
        env.put("CATCHUP_INTERVAL_S", "0");
        assertEquals(Duration.ZERO, BridgeConfig.fromEnvironment(env).catchUpInterval());
        for (String bad : new String[] {"-1", "1.5", "soon", "86401"}) {
            env.put("CATCHUP_INTERVAL_S", bad);
            MissingSettingException e = assertThrows(MissingSettingException.class,
                    () -> BridgeConfig.fromEnvironment(env));
            assertEquals("CATCHUP_INTERVAL_S must be a whole number of seconds from 0 (catch-up off) to 86400",
                    e.getMessage());
        }
    }

    @Test
    void toStringNamesNoSecret() {
        env.put("WEBHOOK_SECRET", "whs-very-secret");
        String text = BridgeConfig.fromEnvironment(env).toString();
        assertFalse(text.contains("s3cr3t-api"), text);
        assertFalse(text.contains("whs-very-secret"), text);
        assertFalse(text.contains("p4ss"), text);
    }
}
