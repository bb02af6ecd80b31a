package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.realtime.FrappeRealtimeClient;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.internal.EventCatalogue;
import io.github.frappemessenger.internal.EventJson;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code listen [--inbox]}: joins a Frappe site's realtime server as Messenger.vue does and prints each messenger
 * event as {@code {"event": ..., "message": ...}}, one per line; with {@code --inbox}, also the inbox after each
 * change. While the socket is down it polls unread counts; after a reconnect it resyncs. Runs until stopped.
 */
final class ListenCommand {
    /** Every messenger event Frappe CRM emits (docs/protocol.md, "Messenger events"). */
    /** Every messenger:* event, from the one catalogue the emitter's records and the decoder share. */
    static final List<String> EVENTS = EventCatalogue.names();

    static final String HELP = """
            usage: java -jar messenger-examples.jar listen [--inbox]

            Joins a Frappe site's realtime server (Socket.IO, namespace /<site>) as a desk user and prints each
            messenger event as one JSON line {"event", "message"} on stdout; with --inbox, also the inbox after each
            change. While the socket is down it polls unread counts over REST; after a reconnect it resyncs. Runs
            until stopped (Ctrl-C).

            environment:
              FRAPPE_URL            the site, e.g. https://crm.example.com (required)
              FRAPPE_API_KEY        API key and secret of a System User (required)
              FRAPPE_API_SECRET
              FRAPPE_SITE           the site name (default: FRAPPE_URL's host)
              FRAPPE_SOCKETIO_URL   the realtime server (default: FRAPPE_URL, as behind a production site's nginx;
                                    a development bench serves it on port 9000: http://<host>:9000)

            Exit codes: 0 stopped, 2 a usage mistake (unknown option, missing or unusable variables).""";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop;

    ListenCommand(Map<String, String> env, PrintStream out, PrintStream err, CountDownLatch stop) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /** Joins and prints until stopped; throws {@link UsageException} or a MissingSettingException for mistakes. */
    int run(String[] args) throws InterruptedException {
        boolean printInbox = false;
        for (String arg : args) {
            if (!arg.equals("--inbox")) {
                throw new UsageException("unknown option '" + Printable.of(arg) + "' (see listen --help)");
            }
            printInbox = true;
        }
        ListenConfig config = ListenConfig.fromEnvironment(env);
        EventJson json = new EventJson();
        MessengerInbox inbox = new MessengerInbox();
        if (printInbox) {
            inbox.onChange(() -> print(json.write(InboxJson.of(inbox))));
        }
        FrappeClient frappe = FrappeClient.builder().baseUrl(config.siteUrl())
                .apiKey(config.apiKey()).apiSecret(config.apiSecret()).build();
        try (FrappeRealtimeClient client = FrappeRealtimeClient.builder()
                .siteUrl(config.siteUrl()).siteName(config.site()).socketIoUrl(config.socketIoUrl())
                .apiToken(config.apiKey(), config.apiSecret()).okHttpClient(frappe.okHttpClient())
                .inbox(inbox)
                .recoverFrom(frappe)
                .build()) {
            for (String event : EVENTS) {
                client.on(event, (name, payload) -> {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("event", name);
                    line.put("message", payload);
                    print(json.write(line));
                });
            }
            client.connect();
            err.println("listen: joining /" + config.site() + " on " + config.socketIoUrl());
            stop.await();
        }
        return 0;
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
