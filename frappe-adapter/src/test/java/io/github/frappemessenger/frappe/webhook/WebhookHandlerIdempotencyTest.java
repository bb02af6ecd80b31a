package io.github.frappemessenger.frappe.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import io.github.frappemessenger.testing.MessengerDocs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookHandlerIdempotencyTest {
    private final RecordingHandler afterInsert = new RecordingHandler();
    private final RecordingHandler onUpdate = new RecordingHandler();

    private WebhookHandler handler(int recentDeliveries) {
        DocEvents docEvents = DocEvents.builder()
                .on("Messenger Message", DocEvent.AFTER_INSERT, afterInsert)
                .on("Messenger Message", DocEvent.ON_UPDATE, onUpdate)
                .build();
        return WebhookHandler.builder().docEvents(docEvents).recentDeliveries(recentDeliveries).build();
    }

    private final WebhookHandler handler = handler(10_000);

    private static byte[] doc(String name, String modified) {
        return Fixtures.json(MessengerDocs.message(name).from("S-1").set("modified", modified).build());
    }

    @Test
    void aRepeatOfTheSameDocumentStateIsAcknowledgedAsDuplicateAndProcessedOnce() {
        WebhookResponse first = handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
        WebhookResponse retry = handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));

        assertEquals(200, first.status());
        assertFalse(Fixtures.parse(first.body()).has("duplicate"), first.body());
        assertEquals(200, retry.status());
        assertTrue(Fixtures.parse(retry.body()).get("duplicate").asBoolean(), retry.body());
        assertEquals(1, onUpdate.count());
    }

    @Test
    void aNewModifiedIsANewStateAndIsProcessedAgain() {
        handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
        WebhookResponse second = handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:05.2")));

        assertEquals(200, second.status());
        assertFalse(Fixtures.parse(second.body()).has("duplicate"), second.body());
        assertEquals(2, onUpdate.count());
    }

    @Test
    void theSameStateUnderAnotherDocEventIsProcessed() {
        handler.handle(Fixtures.post("after_insert", doc("MSG-1", "2026-11-20 10:00:00.1")));
        handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));

        assertEquals(1, afterInsert.count());
        assertEquals(1, onUpdate.count());
    }

    @Test
    void aDocWithoutModifiedIsProcessedEveryTime() {
        handler.handle(Fixtures.post("on_update", doc("MSG-1", null)));
        handler.handle(Fixtures.post("on_update", doc("MSG-1", null)));

        assertEquals(2, onUpdate.count());
    }

    @Test
    void aFailedDeliveryIsNotRememberedSoFrappesRetryIsProcessed() {
        AtomicInteger calls = new AtomicInteger();
        DocEvents flaky = DocEvents.builder().on("Messenger Message", DocEvent.ON_UPDATE, d -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("Frappe is down");
            }
            return d;
        }).build();
        WebhookHandler h = WebhookHandler.builder().docEvents(flaky).build();

        WebhookResponse failed = h.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
        WebhookResponse retried = h.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
        WebhookResponse repeated = h.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));

        assertEquals(503, failed.status());
        assertEquals(200, retried.status());
        assertFalse(Fixtures.parse(retried.body()).has("duplicate"), retried.body());
        assertTrue(Fixtures.parse(repeated.body()).get("duplicate").asBoolean(), repeated.body());
        assertEquals(2, calls.get());
    }

    @Test
    void theOldestDeliveryIsForgottenBeyondCapacity() {
        WebhookHandler small = handler(2);
        small.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00")));
        small.handle(Fixtures.post("on_update", doc("MSG-2", "2026-11-20 10:00:00")));
        small.handle(Fixtures.post("on_update", doc("MSG-3", "2026-11-20 10:00:00")));

        WebhookResponse third = small.handle(Fixtures.post("on_update", doc("MSG-3", "2026-11-20 10:00:00")));
        WebhookResponse first = small.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00")));

        assertTrue(Fixtures.parse(third.body()).path("duplicate").asBoolean(), third.body());
        assertFalse(Fixtures.parse(first.body()).has("duplicate"), first.body());
        assertEquals(4, onUpdate.count());
    }

    @Test
    void theSameDeliveryArrivingWhileItIsProcessedIs409AndProcessedOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        DocEvents slow = DocEvents.builder().on("Messenger Message", DocEvent.ON_UPDATE, d -> {
            calls.incrementAndGet();
            entered.countDown();
            await(release);
            return d;
        }).build();
        WebhookHandler h = WebhookHandler.builder().docEvents(slow).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<WebhookResponse> first = pool.submit(
                    () -> h.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1"))));
            assertTrue(entered.await(10, TimeUnit.SECONDS));

            WebhookResponse concurrent = h.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
            release.countDown();

            assertEquals(409, concurrent.status());
            assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
            assertEquals(1, calls.get());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsDeliveringTheSameStateProcessItExactlyOnce() throws Exception {
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<WebhookResponse>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
                }));
            }
            start.countDown();
            for (Future<WebhookResponse> answer : answers) {
                int status = answer.get(30, TimeUnit.SECONDS).status();
                assertTrue(status == 200 || status == 409, "unexpected status " + status);
            }
            assertEquals(1, onUpdate.count());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoDocsModifiedAtTheSameMomentAreBothProcessed() {
        handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
        handler.handle(Fixtures.post("on_update", doc("MSG-2", "2026-11-20 10:00:00.1")));

        assertEquals(2, onUpdate.count());
        assertEquals(List.of("MSG-1", "MSG-2"), onUpdate.docs().stream().map(d -> d.get("name")).toList());
    }
}
