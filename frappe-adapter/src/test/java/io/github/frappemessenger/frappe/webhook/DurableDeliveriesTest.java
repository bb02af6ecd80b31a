package io.github.frappemessenger.frappe.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.internal.webhook.PublishConfirmation;
import io.github.frappemessenger.frappe.journal.DeliveryJournal;
import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEventHandler;
import io.github.frappemessenger.hooks.DocEvents;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.testing.MessengerDocs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journal first, answer in time, finish later: the handler with a real journal on disk. */
class DurableDeliveriesTest {
    private static final Duration BUDGET = Duration.ofMillis(600);
    /** The budget plus a generous allowance for a busy machine (class loading of the first request included). */
    private static final long LATE = BUDGET.toMillis() + 1_500;

    @TempDir
    Path dir;

    private final List<String> processed = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private record Stack(DeliveryJournal journal, DurableDeliveries durable, WebhookHandler handler) {
    }

    private Stack start(DocEventHandler onUpdate, PublishConfirmation confirmation) throws IOException {
        DeliveryJournal journal = DeliveryJournal.open(dir);
        DurableDeliveries durable = DurableDeliveries.builder(journal).answerWithin(BUDGET)
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).publishConfirmation(confirmation).build();
        DocEvents events = DocEvents.builder().on("Messenger Message", DocEvent.ON_UPDATE, onUpdate).build();
        WebhookHandler handler = WebhookHandler.builder().docEvents(events).durable(durable).build();
        open.add(journal);
        open.add(durable);
        durable.start();
        return new Stack(journal, durable, handler);
    }

    private Stack start(DocEventHandler onUpdate) throws IOException {
        return start(onUpdate, PublishConfirmation.immediate());
    }

    private DocEventHandler recording() {
        return doc -> {
            processed.add(doc.get("name") + "@" + doc.get("modified"));
            return doc;
        };
    }

    private static WebhookRequest onUpdate(String name, String modified) {
        return Fixtures.post("on_update", Fixtures.json(MessengerDocs.message(name).from("PSID").set("modified", modified).build()));
    }

    private static WebhookResponse timed(Stack stack, WebhookRequest request, long maxMillis) {
        long start = System.nanoTime();
        WebhookResponse response = stack.handler().handle(request);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis <= maxMillis, "answered in " + millis + " ms");
        return response;
    }

    @Test
    void aDeliveryDoneInTimeIs200AndLeavesNothingInTheJournal() throws Exception {
        Stack stack = start(recording());

        WebhookResponse response = timed(stack, onUpdate("MSG-1", "2026-11-20 10:00:00"), 500);

        assertEquals(200, response.status(), response.body());
        assertEquals(List.of("MSG-1@2026-11-20 10:00:00"), processed);
        assertEquals(0, stack.durable().backlog());
        assertEquals(0, stack.journal().backlog());
    }

    @Test
    void aHungDeliveryIsAnswered202WithinTheBudgetAndFinishedLater() throws Exception {
        Stack stack = start(doc -> {
            sleep(1_500); // a hung site
            return recording().handle(doc);
        });

        WebhookResponse response = timed(stack, onUpdate("MSG-1", "2026-11-20 10:00:00"), LATE);

        assertEquals(202, response.status(), response.body());
        assertTrue(Fixtures.parse(response.body()).get("accepted").asBoolean(), response.body());
        assertEquals(1, stack.journal().backlog(), "durable before the answer");
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.journal().backlog() == 0);
        assertEquals(List.of("MSG-1@2026-11-20 10:00:00"), processed);
    }

    @Test
    void aFailingDeliveryIsRetriedUntilItSucceedsAndLaterOnesOfTheSameDocWaitBehindIt() throws Exception {
        AtomicBoolean away = new AtomicBoolean(true);
        Stack stack = start(doc -> {
            if (doc.get("modified").equals("2026-11-20 10:00:00") && away.get()) {
                throw new IllegalStateException("Redis is away");
            }
            return recording().handle(doc);
        });

        WebhookResponse first = timed(stack, onUpdate("MSG-1", "2026-11-20 10:00:00"), LATE);
        WebhookResponse second = timed(stack, onUpdate("MSG-1", "2026-11-20 10:00:05"), LATE);
        WebhookResponse other = timed(stack, onUpdate("MSG-2", "2026-11-20 10:00:01"), LATE);
        away.set(false);

        assertEquals(202, first.status(), first.body());
        assertTrue(Fixtures.parse(first.body()).get("reason").asText().contains("Redis is away"), first.body());
        assertEquals(202, second.status(), "waits behind the failing first delivery of its doc: " + second.body());
        assertTrue(Fixtures.parse(second.body()).get("reason").asText().contains("waits behind an earlier delivery"),
                "answered at once, not at the end of the time budget: " + second.body());
        assertEquals(200, other.status(), "another doc is not held up: " + other.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.journal().backlog() == 0);
        assertEquals(List.of("MSG-1@2026-11-20 10:00:00", "MSG-1@2026-11-20 10:00:05"),
                processed.stream().filter(p -> p.startsWith("MSG-1@")).toList(), "one doc's deliveries in order");
        assertTrue(processed.contains("MSG-2@2026-11-20 10:00:01"));
    }

    @Test
    void anErrorInAWorkerIsRetriedAndTheWorkerLivesOn() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        Stack stack = start(doc -> {
            if (thrown.compareAndSet(false, true)) {
                throw new OutOfMemoryError("Java heap space (injected)");
            }
            return recording().handle(doc);
        });

        WebhookResponse response = timed(stack, onUpdate("MSG-1", "2026-11-20 10:00:00"), LATE);

        assertEquals(202, response.status(), response.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.journal().backlog() == 0);
        assertEquals(List.of("MSG-1@2026-11-20 10:00:00"), processed);
        assertEquals(200, stack.handler().handle(onUpdate("MSG-2", "2026-11-20 10:00:01")).status());
    }

    @Test
    void aRefusedDocIsAnsweredAsItIsAndNotRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Stack stack = start(doc -> {
            calls.incrementAndGet();
            throw new MessengerValidationException("MSG-1", "sender_id is required");
        });

        WebhookResponse response = stack.handler().handle(onUpdate("MSG-1", "2026-11-20 10:00:00"));

        assertEquals(422, response.status(), response.body());
        assertEquals(0, stack.journal().backlog());
        sleep(300);
        assertEquals(1, calls.get());
    }

    @Test
    void whatTheJournalHeldBeforeARestartIsProcessedFirstInOrder() throws Exception {
        try (DeliveryJournal before = DeliveryJournal.open(dir)) {
            before.append("on_update", "Messenger Message", "MSG-1",
                    Fixtures.json(MessengerDocs.message("MSG-1").from("PSID").set("modified", "2026-11-20 10:00:00").build()));
            before.append("on_update", "Messenger Message", "MSG-1",
                    Fixtures.json(MessengerDocs.message("MSG-1").from("PSID").set("modified", "2026-11-20 10:00:05").build()));
        }

        Stack stack = start(recording());

        await().atMost(Duration.ofSeconds(10)).until(() -> stack.journal().backlog() == 0);
        assertEquals(List.of("MSG-1@2026-11-20 10:00:00", "MSG-1@2026-11-20 10:00:05"), processed);
    }

    @Test
    void withoutTheJournalOnlyWorkFinishedInTimeIs2xx() throws Exception {
        Stack stack = start(doc -> {
            if (doc.get("name").equals("MSG-SLOW")) {
                sleep(1_500);
            }
            return recording().handle(doc);
        });
        stack.journal().close(); // as a full disk would: every append now fails

        WebhookResponse fast = stack.handler().handle(onUpdate("MSG-FAST", "2026-11-20 10:00:00"));
        WebhookResponse slow = timed(stack, onUpdate("MSG-SLOW", "2026-11-20 10:00:00"), LATE);

        assertEquals(200, fast.status(), fast.body());
        assertEquals(503, slow.status(), "neither done nor durable: never 2xx: " + slow.body());
    }

    @Test
    void aDeliveryIsDoneOnlyOnceItsEventsAreConfirmedSent() throws Exception {
        AtomicBoolean sent = new AtomicBoolean();
        AtomicBoolean ready = new AtomicBoolean(true);
        Stack stack = start(recording(), new PublishConfirmation() {
            @Override
            public long mark() {
                return 1;
            }

            @Override
            public boolean delivered(long mark) {
                return sent.get();
            }

            @Override
            public boolean awaitDelivered(long mark, Duration timeout) {
                return sent.get();
            }

            @Override
            public boolean ready() {
                return ready.get();
            }
        });

        WebhookResponse unsent = timed(stack, onUpdate("MSG-1", "2026-11-20 10:00:00"), LATE);
        assertEquals(202, unsent.status(), "processed, but its events are still in memory: " + unsent.body());
        assertEquals(1, stack.journal().backlog());
        sent.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.journal().backlog() == 0);

        ready.set(false);
        WebhookResponse notReady = timed(stack, onUpdate("MSG-2", "2026-11-20 10:00:00"), LATE);
        assertEquals(202, notReady.status(), notReady.body());
        assertEquals(List.of("MSG-1@2026-11-20 10:00:00"), processed, "no work while events cannot be taken");
        ready.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.journal().backlog() == 0);
        assertEquals(2, processed.size());
        Map<String, Object> health = stack.durable().health();
        assertEquals(0, health.get("backlog"));
        assertEquals(2L, health.get("done"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
