package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(first.status()).isEqualTo(200);
        assertThat(Fixtures.parse(first.body()).has("duplicate")).as(first.body()).isFalse();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(Fixtures.parse(retry.body()).get("duplicate").asBoolean()).as(retry.body()).isTrue();
        assertThat(onUpdate.count()).isEqualTo(1);
    }

    @Test
    void aNewModifiedIsANewStateAndIsProcessedAgain() {
        handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
        WebhookResponse second = handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:05.2")));

        assertThat(second.status()).isEqualTo(200);
        assertThat(Fixtures.parse(second.body()).has("duplicate")).as(second.body()).isFalse();
        assertThat(onUpdate.count()).isEqualTo(2);
    }

    @Test
    void theSameStateUnderAnotherDocEventIsProcessed() {
        handler.handle(Fixtures.post("after_insert", doc("MSG-1", "2026-11-20 10:00:00.1")));
        handler.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));

        assertThat(afterInsert.count()).isEqualTo(1);
        assertThat(onUpdate.count()).isEqualTo(1);
    }

    @Test
    void aDocWithoutModifiedIsProcessedEveryTime() {
        handler.handle(Fixtures.post("on_update", doc("MSG-1", null)));
        handler.handle(Fixtures.post("on_update", doc("MSG-1", null)));

        assertThat(onUpdate.count()).isEqualTo(2);
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

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(Fixtures.parse(retried.body()).has("duplicate")).as(retried.body()).isFalse();
        assertThat(Fixtures.parse(repeated.body()).get("duplicate").asBoolean()).as(repeated.body()).isTrue();
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void theOldestDeliveryIsForgottenBeyondCapacity() {
        WebhookHandler small = handler(2);
        small.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00")));
        small.handle(Fixtures.post("on_update", doc("MSG-2", "2026-11-20 10:00:00")));
        small.handle(Fixtures.post("on_update", doc("MSG-3", "2026-11-20 10:00:00")));

        WebhookResponse third = small.handle(Fixtures.post("on_update", doc("MSG-3", "2026-11-20 10:00:00")));
        WebhookResponse first = small.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00")));

        assertThat(Fixtures.parse(third.body()).path("duplicate").asBoolean()).as(third.body()).isTrue();
        assertThat(Fixtures.parse(first.body()).has("duplicate")).as(first.body()).isFalse();
        assertThat(onUpdate.count()).isEqualTo(4);
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
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            WebhookResponse concurrent = h.handle(Fixtures.post("on_update", doc("MSG-1", "2026-11-20 10:00:00.1")));
            release.countDown();

            assertThat(concurrent.status()).isEqualTo(409);
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(calls.get()).isEqualTo(1);
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
                assertThat(status == 200 || status == 409).as("unexpected status " + status).isTrue();
            }
            assertThat(onUpdate.count()).isEqualTo(1);
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

        assertThat(onUpdate.count()).isEqualTo(2);
        assertThat(onUpdate.docs().stream().map(d -> d.get("name")).toList()).isEqualTo(List.of("MSG-1", "MSG-2"));
    }
}
