package io.github.frappemessenger.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the jar's {@link Main}: exit code, stdout and stderr. {@link #of} runs it in this JVM with the streams
 * given to it; {@link #inChildJvm} runs it as a user does, so stderr also holds what the libraries log (slf4j-simple
 * writes to the process's stderr).
 */
record CliRun(int code, String out, String err) {

    static CliRun of(Map<String, String> env, byte[] stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new Console(new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun of(String... args) throws Exception {
        return of(Map.of(), new byte[0], args);
    }

    /** Runs {@code java Main args} in a child JVM with only {@code env} set and no stdin; fails if it does not end. */
    static CliRun inChildJvm(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cli-out-", ".txt");
        Path err = Files.createTempFile("cli-err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("still running after 120 s: " + String.join(" ", args) + "\n"
                        + Files.readString(err));
            }
            return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** True when stderr is exactly one line, without a stack trace. */
    boolean oneErrorLine() {
        return err.endsWith("\n") && err.indexOf('\n') == err.length() - 1 && !err.contains("Exception")
                && !err.contains("\tat ");
    }
}
