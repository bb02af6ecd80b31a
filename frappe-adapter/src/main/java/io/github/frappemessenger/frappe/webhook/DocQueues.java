package io.github.frappemessenger.frappe.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journaled deliveries not done yet, one queue per doc in arrival order (its head is the one running or waiting
 * for a retry), with the backlog they add up to. A delivery that lands behind a head waiting for a retry — or that
 * is there when its head fails — is released at once ({@link DeliveryTask#deferred}): it cannot be done before that
 * retry, so its request gets 202 now instead of holding a server thread for the whole time budget. Thread-safe.
 */
final class DocQueues {
    private final Map<String, ArrayDeque<DeliveryTask>> queues = new HashMap<>(); // guarded by this
    private int backlog; // guarded by this
    private long backlogBytes; // guarded by this

    /** Queues {@code task} behind the earlier deliveries of its doc; true when it is the head (may run now). */
    boolean add(DeliveryTask task) {
        DeliveryTask head;
        synchronized (this) {
            ArrayDeque<DeliveryTask> queue = queues.computeIfAbsent(task.entry.docKey(), k -> new ArrayDeque<>());
            queue.addLast(task);
            backlog++;
            backlogBytes += task.entry.bodyLength();
            head = queue.peekFirst();
        }
        if (head == task) {
            return true;
        }
        if (head.lastFailure != null) {
            release(task);
        }
        return false;
    }

    /** The head {@code head} failed and waits for a retry: every delivery behind it is released. */
    void headFailed(DeliveryTask head) {
        DeliveryTask[] behind;
        synchronized (this) {
            ArrayDeque<DeliveryTask> queue = queues.get(head.entry.docKey());
            behind = queue == null ? new DeliveryTask[0] : queue.toArray(new DeliveryTask[0]);
        }
        for (DeliveryTask task : behind) {
            if (task != head) {
                release(task);
            }
        }
    }

    private static void release(DeliveryTask task) {
        task.behindRetry = true;
        task.deferred.complete(null);
    }

    /** Takes {@code task} off its doc's queue; returns the doc's next delivery (now its head), or null. */
    DeliveryTask advance(DeliveryTask task) {
        synchronized (this) {
            ArrayDeque<DeliveryTask> queue = queues.get(task.entry.docKey());
            if (queue == null) {
                return null;
            }
            queue.remove(task);
            DeliveryTask next = queue.peekFirst();
            if (next == null) {
                queues.remove(task.entry.docKey());
            }
            return next;
        }
    }

    /** Whether deliveries of the doc with this key wait, the oldest of them arrived after {@code since}. */
    synchronized boolean holds(String docKey, Instant since) {
        ArrayDeque<DeliveryTask> queue = queues.get(docKey);
        DeliveryTask head = queue == null ? null : queue.peekFirst();
        return head != null && head.entry.arrived().isAfter(since);
    }

    /** {@code task} is done: it no longer counts in the backlog. */
    synchronized void done(DeliveryTask task) {
        backlog--;
        backlogBytes -= task.entry.bodyLength();
    }

    synchronized int backlog() {
        return backlog;
    }

    synchronized long backlogBytes() {
        return backlogBytes;
    }

    /** Backlog, bytes, how long the oldest has waited, and how many docs wait for a retry. */
    synchronized Map<String, Object> health() {
        Instant oldest = null;
        int retrying = 0;
        for (ArrayDeque<DeliveryTask> queue : queues.values()) {
            DeliveryTask head = queue.peekFirst();
            if (head != null) {
                oldest = oldest == null || head.entry.arrived().isBefore(oldest) ? head.entry.arrived() : oldest;
                retrying += head.lastFailure != null ? 1 : 0;
            }
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("backlog", backlog);
        h.put("backlog_bytes", backlogBytes);
        h.put("oldest_waiting_s", oldest == null ? 0 : Duration.between(oldest, Instant.now()).toSeconds());
        h.put("retrying_docs", retrying);
        return h;
    }
}
