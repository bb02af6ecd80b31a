package io.github.frappemessenger.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.socketio.TokenAuthenticator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve [--host H] [--port P] [--site S] [--db URL] [--input FILE] [--redis URL]}: the web inbox, Socket.IO
 * and the JSON API on one port until the process is stopped. Tokens from {@code MESSENGER_TOKENS}
 * ({@code user=key:secret,...}); on a loopback address without them, one demo agent with token {@code demo:demo}.
 */
public final class ServeCommand {
    public static final String HELP = """
            usage: java -jar messenger-examples.jar serve [--host H] [--port P] [--site NAME] [--db URL] [--input FILE]
                                                          [--redis URL] [--history-size N] [--history-age SECONDS]

            Serves, on one port: the web inbox at /, Socket.IO v4 at /socket.io/ (namespace /<site>, Frappe's rules),
            and a JSON API: POST /api/messages (one Messenger Message doc, insert or update by name),
            GET /api/conversations, GET /api/conversations/<name>/messages, POST /api/conversations/<name>/read,
            POST /api/login {"token": "key:secret"} (a session cookie for the page). See docs/serve.md.

              --host H             address to listen on (default 127.0.0.1)
              --port P             port (default 8080; 0 picks a free one)
              --site NAME          the site name, i.e. the Socket.IO namespace (default localhost)
              --db URL             a JDBC URL (jdbc:sqlite:FILE, jdbc:postgresql:..., jdbc:mariadb:...);
                                   default: in memory
              --input FILE         play JSON lines of Messenger Message docs on start, as demo does
              --redis URL          keep the event history in a Redis Stream (default: in memory)
              --history-size N     events kept for resuming clients (default 10000)
              --history-age SEC    and for how long (default 600)

            Environment: MESSENGER_TOKENS=user=key:secret,... (desk users). Without it, on a loopback address, one
            demo agent agent@example.com with token demo:demo; elsewhere it is required.
            Exit codes: 0 stopped, 1 could not start, 2 usage (an unknown option or value, a --db or --redis
            that is no such URL, the port taken).""";
    static final String DEMO_USER = "agent@example.com";
    static final String DEMO_TOKEN = "demo:demo";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop;

    public ServeCommand(Map<String, String> env, PrintStream out, PrintStream err, CountDownLatch stop) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    public int run(String[] args) throws IOException, InterruptedException {
        ServeOptions options;
        String tokens;
        try {
            options = ServeOptions.parse(args);
            tokens = tokens(options);
        } catch (IllegalArgumentException e) {
            err.println("serve: " + e.getMessage());
            return 2;
        }
        Serve serve;
        try {
            serve = Serve.start(options, tokens);
        } catch (IllegalArgumentException e) { // a --db or --redis value that is no database or Redis URL
            err.println("serve: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException) {
                err.println("serve: cannot listen on " + options.host() + ":" + options.port()
                        + ": the address is in use or not this machine's; choose --host / --port");
                return 2;
            }
            err.println("serve: could not start: " + e.getMessage());
            return 1;
        }
        try (serve) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "serve-shutdown"));
            String url = "http://" + (options.host().contains(":") ? "[" + options.host() + "]" : options.host())
                    + ":" + serve.port() + "/";
            out.println("serve: listening on " + url + " (site " + options.site() + ", Socket.IO at /socket.io/, API at /api/)");
            if (env.getOrDefault("MESSENGER_TOKENS", "").isBlank()) {
                out.println("serve: demo agent " + DEMO_USER + " signs in with token " + DEMO_TOKEN
                        + " (set MESSENGER_TOKENS=user=key:secret,... to choose your own)");
            }
            out.flush();
            int bad = options.input() == null ? 0 : play(serve, Path.of(options.input()));
            if (bad > 0) {
                err.println("serve: " + bad + " line(s) of " + options.input() + " were skipped");
            }
            stop.await();
        }
        return 0;
    }

    private String tokens(ServeOptions options) {
        String spec = env.getOrDefault("MESSENGER_TOKENS", "");
        if (!spec.isBlank()) {
            TokenAuthenticator.parse(spec); // checks it now: a bad entry is a usage error
            return spec;
        }
        if (!options.loopback()) {
            throw new IllegalArgumentException("MESSENGER_TOKENS (user=key:secret,...) is required when serving on "
                    + options.host() + "; the demo token is only offered on a loopback address");
        }
        return DEMO_USER + "=" + DEMO_TOKEN;
    }

    /** Plays JSON lines of Messenger Message docs, as {@code demo} does; returns how many lines were bad. */
    private int play(Serve serve, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        int bad = 0;
        int number = 0;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Map<String, Object> doc = mapper.readValue(line, new TypeReference<Map<String, Object>>() {
                    });
                    if (doc == null || doc.get("name") == null) {
                        throw new IllegalArgumentException("the doc has no 'name'");
                    }
                    serve.backend().messenger().save(doc);
                } catch (IOException | MessengerValidationException | IllegalArgumentException e) {
                    bad++;
                    err.println("line " + number + ": " + oneLine(e.getMessage()));
                }
            }
        }
        return bad;
    }

    private static String oneLine(String s) {
        return s == null ? "bad line" : s.replaceAll("[\\r\\n\\t]+", " ");
    }
}
