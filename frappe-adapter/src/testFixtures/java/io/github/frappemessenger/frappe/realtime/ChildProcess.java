package io.github.frappemessenger.frappe.realtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A test's helper process (node, redis-server): started with its output echoed under a prefix, waited for until a
 * line of its output says it is ready, and stopped with SIGTERM (then SIGKILL). Its stdin stays open, so a relay
 * started with RELAY_EXIT_ON_STDIN_END=1 dies with the test JVM.
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code command} in {@code dir} and waits until {@code ready} maps an output line to a non-null
     * value, which is returned with the process.
     */
    public static <T> Started<T> start(List<String> command, Path dir, Map<String, String> env, String prefix,
                                Function<String, T> ready, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        ChildProcess child = new ChildProcess(pb.start());
        CompletableFuture<T> readyValue = new CompletableFuture<>();
        Thread reader = new Thread(() -> child.pump(prefix, ready, readyValue), "child-output-" + prefix);
        reader.setDaemon(true);
        reader.start();
        try {
            return new Started<>(child, readyValue.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            child.close();
            throw new IllegalStateException(command + " did not get ready within " + timeout + "; output:\n"
                    + child.output(), e);
        }
    }

    private <T> void pump(String prefix, Function<String, T> ready, CompletableFuture<T> readyValue) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                System.out.println("[" + prefix + "] " + line);
                T value = readyValue.isDone() ? null : ready.apply(line);
                if (value != null) {
                    readyValue.complete(value);
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            readyValue.completeExceptionally(new IllegalStateException("process output ended"));
        }
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no goodbye to anyone, as when a server crashes. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public record Started<T>(ChildProcess process, T value) {
    }
}
