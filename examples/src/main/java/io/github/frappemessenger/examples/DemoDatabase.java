package io.github.frappemessenger.examples;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.MessengerException;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.jdbc.JdbcMessengerStore;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.RealtimePublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code demo --db URL}: the demo on a database, so that a second run continues the first one's inbox and two runs
 * at once share it. Events a killed run left in the outbox are published first.
 */
final class DemoDatabase {
    private DemoDatabase() {
    }

    /** @return the number of bad lines */
    static int play(String url, InputStream input, RealtimePublisher printing, RealtimePublisher redis,
            MessengerInbox inbox, PrintStream err) throws IOException {
        JdbcMessengerStore opened;
        try {
            opened = JdbcMessengerStore.open(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--db: " + e.getMessage());
        } catch (MessengerException e) {
            err.println("demo: cannot open the database at " + redacted(url) + ": " + e.getMessage());
            return 1;
        }
        try (JdbcMessengerStore store = opened) {
            Messenger.Builder builder = store.messenger().addPublisher(printing);
            if (redis != null) {
                builder.addPublisher(redis);
            }
            Messenger messenger = builder.build();
            int left = messenger.relayPending();
            if (left > 0) {
                err.println("demo: published " + left + " events an earlier run had committed but not sent");
            }
            int bad = new DocLineReader(input, messenger, err).readAll();
            fillInbox(store, inbox);
            return bad;
        } catch (MessengerException e) {
            err.println("demo: the database at " + redacted(url) + " failed: " + e.getMessage());
            return 1;
        }
    }

    /** The inbox as the database holds it: every run's conversations, with their unread counts. */
    private static void fillInbox(JdbcMessengerStore store, MessengerInbox inbox) {
        List<MessengerConversation> all = store.allConversations();
        Map<String, Long> unread = new LinkedHashMap<>();
        for (MessengerConversation c : all) {
            inbox.upsert(c);
            unread.put(c.name(), store.messages().countUnread(c.name()));
        }
        inbox.replaceUnreadCounts(unread);
    }

    private static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }
}
