package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.frappe.internal.journal.JournalEntry;
import java.util.concurrent.CompletableFuture;

/**
 * One journaled delivery on its way: how often it was tried, and the answer once it is done (which the request that
 * brought it may still be waiting for). Its fields are touched by one worker at a time (the doc's queue runs one
 * task at a time); the future is thread-safe.
 */
final class DeliveryTask {
    final JournalEntry entry;
    final CompletableFuture<WebhookResponse> answer = new CompletableFuture<>();
    /** Completed when a first try failed and a retry is scheduled: the request need not wait any longer. */
    final CompletableFuture<Void> deferred = new CompletableFuture<>();
    volatile int attempts;
    volatile String lastFailure;
    /** Released before its turn: an earlier delivery of its doc waits for a retry (see {@link DocQueues}). */
    volatile boolean behindRetry;

    DeliveryTask(JournalEntry entry) {
        this.entry = entry;
    }
}
