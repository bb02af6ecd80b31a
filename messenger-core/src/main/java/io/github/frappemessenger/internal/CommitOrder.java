package io.github.frappemessenger.internal;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes the saves of one conversation in the order they commit, without holding a lock while publishing. A save
 * takes its conversation's turn before the commit ({@link #turn}); once committed it queues its publication and gives
 * the turn back ({@link Turn#committed}), and whoever finds the queue idle runs it, and everything queued behind it,
 * in order. A publisher that saves again from inside its listener only queues: it never waits for itself.
 * Conversations share a fixed number of stripes. Thread-safe. Not part of the API.
 */
final class CommitOrder {
    private final Stripe[] stripes;

    CommitOrder(int stripes) {
        this.stripes = new Stripe[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new Stripe();
        }
    }

    /** Waits for the conversation's turn; hold it only across the commit. */
    Turn turn(String conversation) {
        Stripe stripe = stripes[Math.floorMod(conversation.hashCode(), stripes.length)];
        stripe.commit.lock();
        return new Turn(stripe);
    }

    /** A conversation's turn to commit, held by one save. */
    static final class Turn {
        private final Stripe stripe;
        private boolean held = true;

        private Turn(Stripe stripe) {
            this.stripe = stripe;
        }

        /** The save committed: queues {@code publication}, gives the turn back, and drains the queue if idle. */
        void committed(Runnable publication) {
            synchronized (stripe) {
                stripe.queue.add(publication);
            }
            release();
            stripe.drain();
        }

        /** The save did not commit: gives the turn back. */
        void release() {
            if (held) {
                held = false;
                stripe.commit.unlock();
            }
        }
    }

    private static final class Stripe {
        final ReentrantLock commit = new ReentrantLock();
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        boolean draining;

        void drain() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    if (draining || queue.isEmpty()) {
                        return;
                    }
                    next = queue.poll();
                    draining = true;
                }
                try {
                    next.run();
                } finally {
                    synchronized (this) {
                        draining = false;
                    }
                }
            }
        }
    }
}
