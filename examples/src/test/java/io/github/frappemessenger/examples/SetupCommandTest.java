package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code setup} and {@code doctor} as a user runs them: exit codes, one-line mistakes, and a real site. */
class SetupCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int setup(Map<String, String> env, String... args) {
        return new SetupCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private int doctor(Map<String, String> env, String... args) throws Exception {
        return new DoctorCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyMissingVariableIsNamedInOneLine() throws Exception {
        assertThat(setup(Map.of())).isEqualTo(2);
        assertThat(err())
                .isEqualTo("setup: FRAPPE_URL, FRAPPE_API_KEY, FRAPPE_API_SECRET, WEBHOOK_SECRET are not set;"
                        + " see setup --help\n");
        assertThat(out()).isEqualTo("");
    }

    @Test
    void checkDoesNotNeedTheWebhookSecret() {
        assertThat(setup(Map.of("FRAPPE_URL", "https://crm.example.com"), "--check")).isEqualTo(2);
        assertThat(err()).isEqualTo("setup: FRAPPE_API_KEY, FRAPPE_API_SECRET are not set; see setup --help\n");
    }

    @Test
    void userMistakesAreOneLineAndExitTwo() throws Exception {
        Map<String, String> env = Map.of("FRAPPE_URL", "crm.example.com", "FRAPPE_API_KEY", "k",
                "FRAPPE_API_SECRET", "s", "WEBHOOK_SECRET", "w", "REDIS_URL", "localhost:6379");
        String[][] cases = {{"--frobnicate"}, {"--bridge-url"}, {"--bridge-url", "not a url"}, {}};
        String[] expected = {"setup: unknown option '--frobnicate'; see setup --help",
            "setup: --bridge-url needs a value; see setup --help",
            "setup: --bridge-url must be an http or https URL, got 'not a url'",
            "setup: FRAPPE_URL must be an http or https URL, got 'crm.example.com'"};
        for (int i = 0; i < cases.length; i++) {
            err.reset();
            assertThat(setup(env, cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(err()).isEqualTo(expected[i] + "\n");
        }
        err.reset();
        Map<String, String> doctorEnv = new HashMap<>(env);
        doctorEnv.put("FRAPPE_URL", "https://crm.example.com");
        assertThat(doctor(doctorEnv)).isEqualTo(2);
        assertThat(err()).isEqualTo("doctor: REDIS_URL must be a redis:// or rediss:// URL with a host\n");
        err.reset();
        assertThat(doctor(doctorEnv, "--timeout", "soon")).isEqualTo(2);
        assertThat(err()).isEqualTo("doctor: --timeout must be a number of seconds from 1 to 600, got 'soon'\n");
        err.reset();
        assertThat(doctor(Map.of())).isEqualTo(2);
        assertThat(err())
                .isEqualTo("doctor: FRAPPE_URL, FRAPPE_API_KEY, FRAPPE_API_SECRET, REDIS_URL are not set;"
                        + " see doctor --help\n");
    }

    @Test
    void helpGoesToStdoutWithExitZero() throws Exception {
        assertThat(setup(Map.of(), "--help")).isEqualTo(0);
        assertThat(out()).startsWith("usage: java -jar messenger-examples.jar setup [--check] [--bridge-url URL]");
        out.reset();
        assertThat(doctor(Map.of(), "-h")).isEqualTo(0);
        assertThat(out()).startsWith("usage: java -jar messenger-examples.jar doctor");
        assertThat(err()).isEqualTo("");
    }

    @Test
    void checkExitsOneOnAFreshSiteZeroOnceSetUpAndSetupTwiceCreatesNothing() {
        try (FrappeStandIn frappe = new FrappeStandIn()) {
            frappe.site().strictDocTypes();
            Map<String, String> env = Map.of("FRAPPE_URL", frappe.client().baseUrl().toString(),
                    "FRAPPE_API_KEY", "key", "FRAPPE_API_SECRET", "secret", "WEBHOOK_SECRET", "hook-secret");

            assertThat(setup(env, "--check", "--bridge-url", "http://bridge:8787")).isEqualTo(1);
            assertThat(out()).contains("not-ready  doctype Messenger Message: missing");
            assertThat(frappe.all("DocType")).isEmpty();

            out.reset();
            assertThat(setup(env, "--bridge-url=http://bridge:8787")).isEqualTo(0);
            assertThat(out()).contains("created    webhook Messenger Message after_insert");
            assertThat(out()).endsWith("setup: the site is ready for the bridge\n");

            out.reset();
            assertThat(setup(env, "--bridge-url", "http://bridge:8787")).isEqualTo(0);
            assertThat(out()).doesNotContain("created ");

            out.reset();
            assertThat(setup(env, "--check", "--bridge-url", "http://bridge:8787")).isEqualTo(0);
            assertThat(out()).endsWith("setup: everything is ready\n");
            assertThat(out()).doesNotContain("hook-secret", "secret\n");
            assertThat(err()).isEqualTo("");
        }
    }

    @Test
    void doctorWithoutABridgeExitsOne() throws Exception {
        try (FrappeStandIn frappe = new FrappeStandIn()) {
            Map<String, String> env = Map.of("FRAPPE_URL", frappe.client().baseUrl().toString(),
                    "FRAPPE_API_KEY", "key", "FRAPPE_API_SECRET", "secret", "REDIS_URL", "redis://127.0.0.1:6379",
                    "FRAPPE_SOCKETIO_URL", "http://127.0.0.1:1");

            assertThat(doctor(env, "--bridge-url", "http://127.0.0.1:1", "--timeout", "2")).isEqualTo(1);
            assertThat(out()).contains("not-ready  bridge health: no answer from http://127.0.0.1:1/health");
            assertThat(out()).contains("not-ready  probe: no messenger event for test message");
            assertThat(frappe.all("Messenger Message")).isEmpty();
        }
    }
}
