package io.github.frappemessenger.jdbc;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.event.ConversationStatusUpdate;
import io.github.frappemessenger.fixtures.Docs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of the multi-process tests.
 * {@code save URL PREFIX TAG SENDERS}: saves one message per sender (names tagged, so two children never share one)
 * and prints "done". {@code crash URL PREFIX}: saves one message, then hangs in its publisher after printing
 * "publishing" — after the commit, before the relay's commit — until it is killed.
 * {@code status URL PREFIX CONVERSATION ROUNDS}: prints "ready"; then, for each "go" read from its input, saves the
 * conversation with the round's status (Closed, Open, ...) and prints "saved"; at the end prints "announced N", the
 * conversation_status_update events it published.
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
            } else if (args[0].equals("status")) {
                AtomicInteger announced = new AtomicInteger();
                Messenger messenger = store.messenger().addPublisher(event -> {
                    if (event.event() instanceof ConversationStatusUpdate) {
                        announced.incrementAndGet();
                    }
                }).build();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                System.out.println("ready");
                int rounds = Integer.parseInt(args[4]);
                for (int round = 0; round < rounds; round++) {
                    if (!"go".equals(in.readLine())) {
                        throw new IllegalStateException("expected go");
                    }
                    messenger.saveConversation(Map.of("name", args[3], "status", SharedStatesTest.statusOf(round)));
                    System.out.println("saved");
                }
                System.out.println("announced " + announced.get());
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
