package io.github.frappemessenger.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Customers writing at the same time: {@code count} threads, each running {@code work} with its own number. */
final class Senders {
    interface Work {
        void run(int sender) throws Exception;
    }

    private Senders() {
    }

    /** Runs them all and waits; the first failure is thrown once every sender has stopped. */
    static void run(int count, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "faults-sender");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int sender = i;
                done.add(pool.submit(() -> {
                    work.run(sender);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
