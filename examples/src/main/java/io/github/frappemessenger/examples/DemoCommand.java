package io.github.frappemessenger.examples;

import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.event.EventJson;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.port.RealtimePublisher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code demo [--input FILE|-] [--inbox] [--redis URL --site NAME]}: runs the embedded messenger over JSON lines of Messenger Message docs
 * and prints every event as {@code {"event", "room", "message"}}, one per line. Without {@code --input} it plays a
 * built-in scenario. Bad lines are reported on stderr with their number and skipped; the exit code is then 1.
 */
final class DemoCommand {
    static final String SCENARIO = "/demo-scenario.jsonl";
    private static final Duration REDIS_FLUSH = Duration.ofSeconds(10);

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws IOException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            err.println(Main.usage());
            return 2;
        }
        try (Reader input = open(options.input())) {
            return play(input, options);
        }
    }

    private int play(Reader input, DemoOptions options) throws IOException {
        EventJson json = new EventJson();
        MessengerInbox inbox = new MessengerInbox();
        RealtimePublisher printing = event -> {
            out.println(json.toWireJson(event));
            if (options.inbox()) {
                inbox.apply(event.event());
            }
        };
        RedisRealtimeEmitter redis = options.toRedis() ? RedisRealtimeEmitter.builder()
                .redisUri(options.redisUrl()).siteName(options.site()).build() : null;
        RealtimePublisher publisher = redis == null ? printing : both(printing, redis);
        EmbeddedMessenger messenger = EmbeddedMessenger.builder().publisher(publisher).build();
        int bad = new DocLineReader(new BufferedReader(input), messenger, err).readAll();
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

    /** Prints each event and also sends the events of one save to Redis as one batch. */
    private static RealtimePublisher both(RealtimePublisher first, RealtimePublisher second) {
        return new RealtimePublisher() {
            @Override
            public void publish(RealtimeEvent event) {
                first.publish(event);
                second.publish(event);
            }

            @Override
            public void publishAll(List<RealtimeEvent> events) {
                first.publishAll(events);
                second.publishAll(events);
            }
        };
    }

    private Reader open(String input) throws IOException {
        if (input == null) {
            InputStream scenario = Objects.requireNonNull(DemoCommand.class.getResourceAsStream(SCENARIO),
                    "built-in scenario missing from the jar");
            return new InputStreamReader(scenario, StandardCharsets.UTF_8);
        }
        if (input.equals("-")) {
            return new InputStreamReader(stdin, StandardCharsets.UTF_8);
        }
        return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
    }
}
