package io.github.frappemessenger.examples;

import io.github.frappemessenger.event.EventJson;
import io.github.frappemessenger.frappe.bridge.MissingSettingException;
import io.github.frappemessenger.frappe.realtime.FrappeRealtimeClient;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.site.FrappeConversationResync;
import io.github.frappemessenger.frappe.site.FrappeUnreadCounts;
import io.github.frappemessenger.inbox.MessengerInbox;
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
    /** Every messenger event Frappe CRM emits (frappe-protocol.md §3). */
    static final List<String> EVENTS = List.of("messenger:conversation_update", "messenger:message_update",
            "messenger:unread_update", "messenger:message_sent", "messenger:message_status_update",
            "messenger:message_auto_sent", "messenger:block_status_update",
            "messenger:conversation_status_update");

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

    int run(String[] args) throws InterruptedException {
        boolean printInbox = false;
        for (String arg : args) {
            if (!arg.equals("--inbox")) {
                err.println("listen: unknown option '" + arg + "'");
                return 2;
            }
            printInbox = true;
        }
        ListenConfig config;
        try {
            config = ListenConfig.fromEnvironment(env);
        } catch (MissingSettingException e) {
            err.println("listen: " + e.getMessage());
            return 2;
        }
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
                .unreadCountSource(new FrappeUnreadCounts(frappe))
                .conversationResync(new FrappeConversationResync(frappe))
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
