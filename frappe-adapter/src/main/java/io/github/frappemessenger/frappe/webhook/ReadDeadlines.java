package io.github.frappemessenger.frappe.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The header deadline Jetty's idle timeout alone does not give: the idle timeout restarts with every byte, so a
 * client that sends one header byte every few seconds would hold its connection for hours. Each connection must
 * complete a request's headers within the deadline of being opened (or of its previous answer); otherwise it is
 * closed. No thread waits meanwhile: one scheduled check per connection and request. Thread-safe.
 */
final class ReadDeadlines implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

    /** Requests started on a connection, and whether one is being answered now. */
    private static final class State {
        long started;
        boolean busy;
    }

    private final Scheduler scheduler;
    private final long deadlineNanos;
    private final Map<Connection, State> connections = new ConcurrentHashMap<>();

    ReadDeadlines(Scheduler scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        connections.put(connection, new State());
        arm(connection);
    }

    @Override
    public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    /** A request's headers arrived on {@code connection}. */
    void requestStarted(Connection connection) {
        State state = connections.get(connection);
        if (state != null) {
            synchronized (state) {
                state.started++;
                state.busy = true;
            }
        }
    }

    /** The request was answered: the next one's headers have a new deadline. */
    void requestDone(Connection connection) {
        State state = connections.get(connection);
        if (state != null) {
            synchronized (state) {
                state.busy = false;
            }
            arm(connection);
        }
    }

    /** Connections open now. */
    int open() {
        return connections.size();
    }

    private void arm(Connection connection) {
        State state = connections.get(connection);
        if (state == null) {
            return;
        }
        long seen;
        synchronized (state) {
            seen = state.started;
        }
        scheduler.schedule(() -> expire(connection, seen), deadlineNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(Connection connection, long seen) {
        State state = connections.get(connection);
        if (state == null) {
            return;
        }
        synchronized (state) {
            if (state.busy || state.started != seen) {
                return;
            }
        }
        log.debug("closing {}: no complete request headers within {} ms", connection,
                TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
        connection.getEndPoint().close();
    }
}
