package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        assertThat(millis <= maxMillis).as("answered in " + millis + " ms").isTrue();
        return response;
    }

    @Test
    void aDeliveryDoneInTimeIs200AndLeavesNothingInTheJournal() throws Exception {
        Stack stack = start(recording());

        WebhookResponse response = timed(stack, onUpdate("MSG-1", "2026-11-20 10:00:00"), 500);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(processed).isEqualTo(List.of("MSG-1@2026-11-20 10:00:00"));
        assertThat(stack.durable().backlog()).isEqualTo(0);
        assertThat(stack.journal().backlog()).isEqualTo(0);
    }

    @Test
    void aHungDeliveryIsAnswered202WithinTheBudgetAndFinishedLater() throws Exception {
        Stack stack = start(doc -> {
            sleep(1_500); // a hung site
            return recording().handle(doc);
        });

        WebhookResponse response = timed(stack, onUpdate("MSG-1", "2026-11-20 10:00:00"), LATE);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(Fixtures.parse(response.body()).get("accepted").asBoolean()).as(response.body()).isTrue();
        assertThat(stack.journal().backlog()).as("durable before the answer").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.journal().backlog() == 0);
        assertThat(processed).isEqualTo(List.of("MSG-1@2026-11-20 10:00:00"));
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

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(Fixtures.parse(first.body()).get("reason").asText()).as(first.body()).contains("Redis is away");
        assertThat(second.status()).as("waits behind the failing first delivery of its doc: " + second.body())
                .isEqualTo(202);
        assertThat(Fixtures.parse(second.body()).get("reason").asText())
                .as("answered at once, not at the end of the time budget: " + second.body())
                .contains("waits behind an earlier delivery");
        assertThat(other.status()).as("another doc is not held up: " + other.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.journal().backlog() == 0);
        assertThat(processed.stream().filter(p -> p.startsWith("MSG-1@")).toList()).as("one doc's deliveries in order")
                .isEqualTo(List.of("MSG-1@2026-11-20 10:00:00", "MSG-1@2026-11-20 10:00:05"));
        assertThat(processed).contains("MSG-2@2026-11-20 10:00:01");
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

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.journal().backlog() == 0);
        assertThat(processed).isEqualTo(List.of("MSG-1@2026-11-20 10:00:00"));
        assertThat(stack.handler().handle(onUpdate("MSG-2", "2026-11-20 10:00:01")).status()).isEqualTo(200);
    }

    @Test
    void aRefusedDocIsAnsweredAsItIsAndNotRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Stack stack = start(doc -> {
            calls.incrementAndGet();
            throw new MessengerValidationException("MSG-1", "sender_id is required");
        });

        WebhookResponse response = stack.handler().handle(onUpdate("MSG-1", "2026-11-20 10:00:00"));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(stack.journal().backlog()).isEqualTo(0);
        sleep(300);
        assertThat(calls.get()).isEqualTo(1);
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
        assertThat(processed).isEqualTo(List.of("MSG-1@2026-11-20 10:00:00", "MSG-1@2026-11-20 10:00:05"));
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

        assertThat(fast.status()).as(fast.body()).isEqualTo(200);
        assertThat(slow.status()).as("neither done nor durable: never 2xx: " + slow.body()).isEqualTo(503);
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
        assertThat(unsent.status()).as("processed, but its events are still in memory: " + unsent.body())
                .isEqualTo(202);
        assertThat(stack.journal().backlog()).isEqualTo(1);
        sent.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.journal().backlog() == 0);

        ready.set(false);
        WebhookResponse notReady = timed(stack, onUpdate("MSG-2", "2026-11-20 10:00:00"), LATE);
        assertThat(notReady.status()).as(notReady.body()).isEqualTo(202);
        assertThat(processed).as("no work while events cannot be taken")
                .isEqualTo(List.of("MSG-1@2026-11-20 10:00:00"));
        ready.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.journal().backlog() == 0);
        assertThat(processed.size()).isEqualTo(2);
        Map<String, Object> health = stack.durable().health();
        assertThat(health.get("backlog")).isEqualTo(0);
        assertThat(health.get("done")).isEqualTo(2L);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
