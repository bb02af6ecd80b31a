package io.github.frappemessenger.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Node process of {@code broadcast}'s sockets (examples/node/tests/broadcast-clients.mjs): ready once every
 * socket is connected; its last line is the JSON summary. Killed on close.
 */
final class BroadcastClients implements AutoCloseable {
    static final String SCRIPT = "examples/node/tests/broadcast-clients.mjs";

    private final Process process;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<String> summary = new CompletableFuture<>();

    private BroadcastClients(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("ready")) {
                        ready.complete(null);
                    } else if (line.startsWith("{")) {
                        summary.complete(line);
                    }
                }
            } catch (IOException ignored) {
                // ended
            }
            summary.complete(null);
            ready.complete(null);
        }, "broadcast-clients");
        reader.setDaemon(true);
        reader.start();
    }

    static BroadcastClients start(Path script, String url, String namespace, String token, String site, int sockets,
                                  int expected) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of("node", script.getFileName().toString(), url, namespace, token,
                site, String.valueOf(sockets), String.valueOf(expected))).directory(script.getParent().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        return new BroadcastClients(pb.start());
    }

    boolean awaitReady(Duration timeout) throws Exception {
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return process.isAlive();
    }

    String awaitSummary(Duration timeout) throws Exception {
        return summary.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for the summary now: what was not heard by then counts as lost ({@code "ended": "asked"}). */
    void askForSummary() {
        try {
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
        } catch (IOException e) {
            // the process is gone; its summary (or none) is what we have
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
