package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake is one line on stderr and exit 2; help is on stdout with exit 0. */
class CliMistakesTest {
    @TempDir
    Path dir;

    private static void assertMistake(CliRun run, String expectedStart) {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.oneErrorLine()).as("one line, no stack trace: " + run.err()).isTrue();
        assertThat(run.err()).startsWith(expectedStart);
        assertThat(run.out()).isEqualTo("");
    }

    @Test
    void helpForTheJarIsOnStdoutWithExitZeroInThreeSpellings() throws Exception {
        for (String help : new String[] {"--help", "-h", "help"}) {
            CliRun run = CliRun.of(help);
            assertThat(run.code()).isEqualTo(0);
            assertThat(run.err()).isEqualTo("");
            for (Command c : Main.COMMANDS) {
                assertThat(run.out()).as(help + " lists " + c.name()).contains("  " + c.name() + " ");
            }
        }
    }

    @Test
    void eachCommandHasItsOwnHelp() throws Exception {
        for (Command c : Main.COMMANDS) {
            for (String[] args : new String[][] {{c.name(), "--help"}, {c.name(), "-h"}, {"help", c.name()}}) {
                CliRun run = CliRun.of(args);
                assertThat(run.code()).as(String.join(" ", args)).isEqualTo(0);
                assertThat(run.out()).startsWith("usage: java -jar messenger-examples.jar " + c.name());
                assertThat(run.err()).isEqualTo("");
            }
        }
    }

    @Test
    void noCommandAndAnUnknownCommandAreOneLine() throws Exception {
        assertMistake(CliRun.of(), "usage: java -jar messenger-examples.jar <command>");
        assertMistake(CliRun.of("serve-me"), "unknown command 'serve-me'; commands: demo, bridge");
    }

    @Test
    void unknownOptionsOfEveryCommandAreOneLine() throws Exception {
        assertMistake(CliRun.of("demo", "--colour"), "demo: unknown option '--colour'");
        assertMistake(CliRun.of("listen", "--colour"), "listen: unknown option '--colour'");
        assertMistake(CliRun.of("bridge", "--port", "1"), "bridge: takes no options");
        assertMistake(CliRun.of("load", "--colour"), "load: unknown option '--colour'");
        assertMistake(CliRun.of("setup", "--colour"), "setup: unknown option '--colour'");
        assertMistake(CliRun.of("doctor", "--colour"), "doctor: unknown option '--colour'");
    }

    @Test
    void demoInputThatIsNotThereOrADirectory() throws Exception {
        assertMistake(CliRun.of("demo", "--input", "/nonexistent/messages.jsonl"),
                "demo: --input /nonexistent/messages.jsonl: no such file");
        assertMistake(CliRun.of("demo", "--input", dir.toString()), "demo: --input " + dir + " is a directory");
    }

    @Test
    void demoWithARedisUrlThatIsNotOne() throws Exception {
        assertMistake(CliRun.of("demo", "--redis", "notaurl", "--site", "x"),
                "demo: --redis needs a URL like redis://127.0.0.1:6379 (or rediss://), got 'notaurl'");
        CliRun withPassword = CliRun.of("demo", "--redis", "http://user:pw@h:1", "--site", "x");
        assertMistake(withPassword, "demo: --redis needs a URL");
        assertThat(withPassword.err()).doesNotContain("pw");
        assertMistake(CliRun.of("demo", "--redis", "redis://127.0.0.1:6379"), "demo: --redis and --site go together");
    }

    @Test
    void bridgeAndListenNameEveryMissingVariableAtOnce() throws Exception {
        assertMistake(CliRun.of("bridge"), "bridge: FRAPPE_URL is not set; FRAPPE_API_KEY is not set; "
                + "FRAPPE_API_SECRET is not set; REDIS_URL is not set; WEBHOOK_SECRET is not set");
        assertMistake(CliRun.of(Map.of("FRAPPE_URL", "ftp://x"), new byte[0], "listen"),
                "listen: FRAPPE_URL must be a http or https URL with a host; FRAPPE_API_KEY is not set; "
                        + "FRAPPE_API_SECRET is not set");
    }

    @Test
    void bridgeOnAPortAlreadyInUseIsOneLineFromTheWholeProcess() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.inChildJvm(Map.of("FRAPPE_URL", "http://127.0.0.1:9", "FRAPPE_API_KEY", "k",
                    "FRAPPE_API_SECRET", "s", "REDIS_URL", "redis://127.0.0.1:6379", "WEBHOOK_SECRET", "w",
                    "BRIDGE_PORT", Integer.toString(taken.getLocalPort())), "bridge");
            assertMistake(run, "bridge: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void serveOnAPortAlreadyInUseIsOneLineAndTheProcessEnds() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.inChildJvm(Map.of(), "serve", "--port", Integer.toString(taken.getLocalPort()));
            assertMistake(run, "serve: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void serveWithADbOrRedisThatIsNoSuchUrl() throws Exception {
        assertMistake(CliRun.of("serve", "--port", "0", "--redis", "notaurl"),
                "serve: redis URI must be redis://host[:port][/db] or rediss://..., got notaurl");
        CliRun withPassword = CliRun.of("serve", "--port", "0", "--redis", "user:pw@h:1");
        assertMistake(withPassword, "serve: redis URI must be");
        assertThat(withPassword.err()).doesNotContain("pw");
        assertMistake(CliRun.of("serve", "--port", "0", "--db", "nope"), "serve: unsupported database URL");
    }

    @Test
    void helpForACommandThatDoesNotExistIsAMistake() throws Exception {
        assertMistake(CliRun.of("help", "serve-me"), "unknown command 'serve-me'; commands: demo, bridge");
    }

    @Test
    void benchOptionsJmhDoesNotKnowAreOneLine() throws Exception {
        assertMistake(CliRun.of("bench", "--colour"), "bench: colour is not a recognized option (see bench --help)");
        assertMistake(CliRun.of("bench", "-f", "many"), "bench: ");
    }

    @Test
    void aMissingInputFileIsNotConfusedWithAFileThatIsThere() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.jsonl"), "");
        CliRun run = CliRun.of("demo", "--input", file.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(0);
    }
}
