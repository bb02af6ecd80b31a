package io.github.frappemessenger.examples;

import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.internal.EventJson;
import io.github.frappemessenger.port.RealtimePublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code demo [--input FILE|-] [--inbox] [--redis URL --site NAME] [--db URL]}: runs the messenger (in memory, or
 * on a database with {@code --db}) over JSON lines of Messenger Message docs and prints every event as
 * {@code {"event", "room", "message"}}, one per line. Without {@code --input} it plays a built-in scenario. Bad lines
 * are reported on stderr with their number and skipped; the exit code is then 1.
 */
final class DemoCommand {
    static final String SCENARIO = "/demo-scenario.jsonl";
    static final String HELP = """
            usage: java -jar messenger-examples.jar demo [--input FILE|-] [--inbox] [--redis URL --site NAME] [--db URL]

            Runs the embedded messenger (in memory) over JSON lines, one Messenger Message doc per line with Frappe's
            field names, and prints each realtime event as one JSON line {"event", "room", "message"} on stdout.
            A name not seen before is an insert (it needs sender_id, platform, message_direction and timestamp);
            a name seen before is an update merged into the stored doc.

              --input FILE|-     read the docs from FILE, or from stdin with -; default: a built-in scenario
              --inbox            print the inbox {"inbox": {"conversations": [...]}} as the last line
              --redis URL        also publish the events to Frappe's Redis (channel 'events'), e.g.
                                 redis://127.0.0.1:11000 (a site's redis_queue); needs --site
              --site NAME        the site name: the Socket.IO namespace the events are for
              --db URL           keep the inbox in a database, so that runs continue each other: jdbc:sqlite:FILE,
                                 jdbc:postgresql://HOST/DB?user=U or jdbc:mariadb://HOST/DB?user=U (tables messenger_*)

            A bad line (not UTF-8, not one JSON object, no name, a new message without timestamp, refused by
            validate) is reported on stderr as 'line N: reason' and skipped.
            Exit codes: 0 all lines played, 1 some lines were bad or events could not reach Redis, 2 a usage
            mistake (unknown option, unreadable input, bad --redis URL).""";
    private static final Duration REDIS_FLUSH = Duration.ofSeconds(10);

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Plays the input; throws {@link UsageException} for a mistake on the command line or an unreadable input. */
    int run(String[] args) throws IOException {
        DemoOptions options = DemoOptions.parse(args);
        try (InputStream input = open(options.input())) {
            return play(input, options);
        }
    }

    private int play(InputStream input, DemoOptions options) throws IOException {
        EventJson json = new EventJson();
        MessengerInbox inbox = new MessengerInbox();
        RealtimePublisher printing = event -> {
            out.println(json.toWireJson(event));
            if (options.inbox()) {
                inbox.apply(event.event());
            }
        };
        RedisRealtimeEmitter redis = options.toRedis() ? emitter(options) : null;
        int bad;
        if (options.db() == null) {
            EmbeddedMessenger.Builder embedded = EmbeddedMessenger.builder().publisher(printing);
            if (redis != null) {
                embedded.publisher(redis);
            }
            bad = new DocLineReader(input, embedded.build().messenger(), err).readAll();
        } else {
            bad = DemoDatabase.play(options.db(), input, printing, redis, inbox, err);
        }
        if (options.inbox()) {
            out.println(json.write(InboxJson.of(inbox)));
        }
        out.flush();
        if (redis != null) {
            boolean drained = redis.flush(REDIS_FLUSH);
            redis.close();
            err.println("demo: " + redis.sentCount() + " events published to Redis for site " + options.site()
                    + (drained ? "" : "; " + redis.droppedCount() + " could not be sent"));
            if (!drained) {
                return 1;
            }
        }
        return bad == 0 ? 0 : 1;
    }

    private static RedisRealtimeEmitter emitter(DemoOptions options) {
        try {
            return RedisRealtimeEmitter.builder().redisUri(options.redisUrl()).siteName(options.site()).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--redis: " + e.getMessage());
        }
    }

    private InputStream open(String input) {
        if (input == null) {
            return Objects.requireNonNull(DemoCommand.class.getResourceAsStream(SCENARIO),
                    "built-in scenario missing from the jar");
        }
        if (input.equals("-")) {
            return stdin;
        }
        String shown = "--input " + Printable.of(input);
        Path path;
        try {
            path = Path.of(input);
        } catch (InvalidPathException e) {
            throw new UsageException(shown + " is not a file name");
        }
        if (Files.isDirectory(path)) {
            throw new UsageException(shown + " is a directory; give a file of JSON lines (or - for stdin)");
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new UsageException(shown + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException(shown + ": permission denied");
        } catch (IOException e) {
            throw new UsageException(shown + ": cannot be read (" + Printable.of(String.valueOf(e.getMessage())) + ")");
        }
    }
}
