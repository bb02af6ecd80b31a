package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.frappe.journal.DeliveryJournal;
import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import io.github.frappemessenger.testing.MessengerDocs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journaled delivery whose work goes on holds no server thread while its request waits for the answer: one
 * server thread and one queue slot take in four deliveries well within the first one's budget (12 s), each answered
 * 202 at the end of its budget.
 */
class WaitingHoldsNoThreadTest {
    private static final Duration BUDGET = Duration.ofSeconds(12);

    @TempDir
    Path dir;

    @Test
    void deliveriesWaitingForTheirWorkLeaveTheServerThreadsFree() throws Exception {
        CountDownLatch siteHangs = new CountDownLatch(1);
        DocEvents events = DocEvents.builder().on("Messenger Message", DocEvent.ON_UPDATE, doc -> {
            try {
                siteHangs.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return doc;
        }).build();
        HttpClient http = HttpClient.newHttpClient();
        try (DeliveryJournal journal = DeliveryJournal.open(dir);
                DurableDeliveries durable = DurableDeliveries.builder(journal).answerWithin(BUDGET)
                        .build();
                WebhookServer server = WebhookServer.builder(WebhookHandler.builder().docEvents(events)
                        .durable(durable).build()).threads(1).queueCapacity(1).build().start("127.0.0.1", 0)) {
            durable.start();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                byte[] body = Fixtures.json(MessengerDocs.message("MSG-" + i).from("PSID")
                        .set("modified", "2026-11-20 10:00:0" + i).build());
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + WebhookHandler.WEBHOOK_PREFIX + "on_update")).POST(HttpRequest.BodyPublishers
                        .ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()));
                int journaled = i;
                // Were the first request holding the only thread for its budget, the second would wait 12 s for it;
                // 9 s leaves room for a slow fsync on a busy machine.
                await().atMost(Duration.ofSeconds(9)).until(() -> journal.backlog() == journaled);
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.join();
                assertThat(response.statusCode()).as("not 503 busy: " + response.body()).isEqualTo(202);
            }
            siteHangs.countDown();
        }
    }
}
