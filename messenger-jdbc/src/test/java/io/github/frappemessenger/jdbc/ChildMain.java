package io.github.frappemessenger.jdbc;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.fixtures.Docs;

/**
 * The child JVM of the multi-process tests.
 * {@code save URL PREFIX TAG SENDERS}: saves one message per sender (names tagged, so two children never share one)
 * and prints "done". {@code crash URL PREFIX}: saves one message, then hangs in its publisher after printing
 * "publishing" — after the commit, before the relay's commit — until it is killed.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        try (JdbcMessengerStore store = JdbcMessengerStore.builder().url(args[1]).tablePrefix(args[2]).poolSize(4)
                .open()) {
            if (args[0].equals("save")) {
                Messenger messenger = store.messenger().build();
                int senders = Integer.parseInt(args[4]);
                System.out.println("ready");
                for (int s = 0; s < senders; s++) {
                    messenger.save(Docs.incoming("MSG-" + args[3] + "-" + s, "sender-" + s, "hi from " + args[3],
                            "2026-11-20 10:00:00"));
                }
                System.out.println("done");
            } else {
                Messenger messenger = store.messenger().addPublisher(event -> {
                    System.out.println("publishing");
                    System.out.flush();
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).build();
                messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
            }
        }
    }
}
