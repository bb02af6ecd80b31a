package io.github.frappemessenger.frappe.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThat(config.site()).isEqualTo("crm.example.com");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8787);
        assertThat(config.webhookSecret().orElseThrow()).isEqualTo("whs");
    }

    @Test
    void refusesToStartWithoutAWebhookSecretUnlessInsecureIsSetOnPurpose() {
        env.remove("WEBHOOK_SECRET");
        MissingSettingException e = assertThatExceptionOfType(MissingSettingException.class)
                .isThrownBy(() -> BridgeConfig.fromEnvironment(env)).actual();
        assertThat(e.variables()).isEqualTo(List.of("WEBHOOK_SECRET"));
        assertThat(e.getMessage()).contains("BRIDGE_INSECURE=1");
        env.put("BRIDGE_INSECURE", "yes");
        assertThatExceptionOfType(MissingSettingException.class).isThrownBy(() -> BridgeConfig.fromEnvironment(env));
        env.put("BRIDGE_INSECURE", "1");
        assertThat(BridgeConfig.fromEnvironment(env).webhookSecret()).isEmpty();
    }

    @Test
    void everyMissingVariableIsNamedAtOnceInOneLine() {
        MissingSettingException e = assertThatExceptionOfType(MissingSettingException.class)
                .isThrownBy(() -> BridgeConfig.fromEnvironment(Map.of("BRIDGE_PORT", "x"))).actual();
        assertThat(e.variables()).isEqualTo(List.of("FRAPPE_URL", "FRAPPE_API_KEY", "FRAPPE_API_SECRET", "REDIS_URL",
                "WEBHOOK_SECRET", "BRIDGE_PORT"));
        assertThat(e.getMessage()).startsWith("FRAPPE_URL is not set; FRAPPE_API_KEY is not set; ");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void readsEveryOptionalSetting() {
        env.putAll(Map.of("FRAPPE_SITE", "crm.local", "BRIDGE_HOST", "0.0.0.0",
                "BRIDGE_PORT", "9999"));
        BridgeConfig config = BridgeConfig.fromEnvironment(env);
        assertThat(config.site()).isEqualTo("crm.local");
        assertThat(config.webhookSecret().orElseThrow()).isEqualTo("whs");
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9999);
    }

    @Test
    void eachMissingRequiredVariableIsNamedInOneLine() {
        for (String name : new String[] {"FRAPPE_URL", "FRAPPE_API_KEY", "FRAPPE_API_SECRET", "REDIS_URL"}) {
            Map<String, String> without = new HashMap<>(env);
            without.remove(name);
            MissingSettingException e = assertThatExceptionOfType(MissingSettingException.class)
                    .isThrownBy(() -> BridgeConfig.fromEnvironment(without)).actual();
            assertThat(e.getMessage()).isEqualTo(name + " is not set");
            assertThat(e.variable()).isEqualTo(name);
        }
    }

    @Test
    void unusableValuesAreNamedToo() {
        env.put("BRIDGE_PORT", "eighty");
        assertThatExceptionOfType(MissingSettingException.class).isThrownBy(() -> BridgeConfig.fromEnvironment(env))
                .withMessage("BRIDGE_PORT must be a port number (0-65535)");
        env.put("BRIDGE_PORT", "8787");
        env.put("REDIS_URL", "http://127.0.0.1:6379");
        assertThatExceptionOfType(MissingSettingException.class).isThrownBy(() -> BridgeConfig.fromEnvironment(env))
                .withMessageStartingWith("REDIS_URL must be a redis or rediss URL");
    }

    @Test
    void catchUpRunsEveryThirtySecondsUnlessToldOtherwiseAndZeroTurnsItOff() {
        assertThat(BridgeConfig.fromEnvironment(env).catchUpInterval()).isEqualTo(Duration.ofSeconds(30));
        env.put("CATCHUP_INTERVAL_S", "5");
        assertThat(BridgeConfig.fromEnvironment(env).catchUpInterval()).isEqualTo(Duration.ofSeconds(5));
        env.put("CATCHUP_INTERVAL_S", "0");
        assertThat(BridgeConfig.fromEnvironment(env).catchUpInterval()).isEqualTo(Duration.ZERO);
        for (String bad : new String[] {"-1", "1.5", "soon", "86401"}) {
            env.put("CATCHUP_INTERVAL_S", bad);
            MissingSettingException e = assertThatExceptionOfType(MissingSettingException.class)
                    .isThrownBy(() -> BridgeConfig.fromEnvironment(env)).actual();
            assertThat(e.getMessage())
                    .isEqualTo("CATCHUP_INTERVAL_S must be a whole number of seconds from 0 (catch-up off) to 86400");
        }
    }

    @Test
    void toStringNamesNoSecret() {
        env.put("WEBHOOK_SECRET", "whs-very-secret");
        String text = BridgeConfig.fromEnvironment(env).toString();
        assertThat(text).doesNotContain("s3cr3t-api");
        assertThat(text).doesNotContain("whs-very-secret");
        assertThat(text).doesNotContain("p4ss");
    }
}
