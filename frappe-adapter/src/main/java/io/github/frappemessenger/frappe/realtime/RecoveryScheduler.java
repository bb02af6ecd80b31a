package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.inbox.InboxConversation;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.internal.NewerOrEqual;
import io.github.frappemessenger.model.MessengerConversation;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link MessengerInbox} right while the socket cannot: polls unread counts every interval while the
 * socket is down, and after a reconnect upserts the conversations that changed since the drop and refreshes the
 * unread counts once. All the work runs on one scheduler thread, so a poll and a resync never overlap. What they
 * read never overwrites what a live event changed after the read began ({@link MessengerInbox#mark()}): the event is
 * newer. Also runs the client's delayed reconnect attempts. Thread-safe.
 */
final class RecoveryScheduler {
    private static final Logger log = LoggerFactory.getLogger(RecoveryScheduler.class);

    private final MessengerInbox inbox;
    private final UnreadCountSource unreadCounts;
    private final ConversationResync resync;
    private final Duration pollInterval;
    private final ScheduledExecutorService scheduler;
    private final LogThrottle failureWarning = new LogThrottle(Duration.ofSeconds(60));
    private ScheduledFuture<?> polling;
    private LocalDateTime unsyncedSince;
    private boolean connected;

    RecoveryScheduler(MessengerInbox inbox, UnreadCountSource unreadCounts, ConversationResync resync,
                  Duration pollInterval, String siteName) {
        this.inbox = inbox;
        this.unreadCounts = unreadCounts;
        this.resync = resync;
        this.pollInterval = pollInterval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "frappe-realtime-recovery[" + siteName + "]");
            t.setDaemon(true);
            return t;
        });
    }

    /** The socket is down (or not connected yet): poll unread counts; remember the earliest unsynced drop. */
    synchronized void down(LocalDateTime since) {
        connected = false;
        if (since != null && (unsyncedSince == null || since.isBefore(unsyncedSince))) {
            unsyncedSince = since;
        }
        if (polling == null && inbox != null && unreadCounts != null) {
            polling = scheduler.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The socket is connected: stop polling and catch up on what the drop hid. */
    synchronized void up() {
        connected = true;
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
        if (unsyncedSince != null) {
            later(this::catchUp, Duration.ZERO);
        }
    }

    /** Runs {@code task} on the recovery thread after {@code delay}; ignored once closed. */
    void later(Runnable task, Duration delay) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            log.debug("recovery is closed; task dropped");
        }
    }

    void close() {
        scheduler.shutdownNow();
    }

    private void poll() {
        try {
            refreshUnreadCounts();
        } catch (RuntimeException e) {
            warn("Polling unread counts failed; next try in " + pollInterval.toMillis() + " ms", e);
        }
    }

    private void catchUp() {
        LocalDateTime since;
        synchronized (this) {
            if (!connected || unsyncedSince == null) {
                return; // dropped again: the next reconnect catches up from the earlier time
            }
            since = unsyncedSince;
        }
        try {
            if (inbox != null && resync != null) {
                long mark = inbox.mark();
                List<MessengerConversation> changed = resync.conversationsChangedSince(since);
                upsertNewer(changed, mark);
                log.info("Resynced {} conversation(s) changed since {}", changed.size(), since);
            }
            if (inbox != null && unreadCounts != null) {
                refreshUnreadCounts();
            }
            synchronized (this) {
                if (since.equals(unsyncedSince)) {
                    unsyncedSince = null;
                }
            }
        } catch (RuntimeException e) {
            warn("Resync after reconnect failed; next try in " + pollInterval.toMillis() + " ms", e);
            later(this::catchUp, pollInterval);
        }
    }

    /**
     * Upserts each conversation unless a live event changed it since {@code mark} or the inbox already shows a newer
     * last message: a live event may have arrived while the resync was reading the site.
     */
    private void upsertNewer(List<MessengerConversation> changed, long mark) {
        Map<String, LocalDateTime> shown = new HashMap<>();
        for (InboxConversation c : inbox.conversations()) {
            if (c.lastMessageTime() != null) {
                shown.put(c.name(), c.lastMessageTime());
            }
        }
        for (MessengerConversation c : changed) {
            LocalDateTime current = shown.get(c.name());
            if (c.lastMessageTime() == null || NewerOrEqual.wins(c.lastMessageTime(), current)) {
                inbox.upsertIfUnchangedSince(c, mark);
            }
        }
    }

    private void refreshUnreadCounts() {
        long mark = inbox.mark();
        Map<String, Long> counts = unreadCounts.fetchUnreadCounts();
        inbox.replaceUnreadCounts(counts == null ? Map.of() : counts, mark);
        failureWarning.reset();
    }

    private void warn(String what, RuntimeException e) {
        if (failureWarning.allow()) {
            log.warn("{}: {}", what, LogSafe.of(e));
        } else {
            log.debug(what, LogSafe.failure(e));
        }
    }
}
