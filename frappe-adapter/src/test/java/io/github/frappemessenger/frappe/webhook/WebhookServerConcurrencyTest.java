package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemoryMessageStore;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.embedded.InProcessPublisher;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.MessengerDocs;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many webhooks at once, over HTTP, into the embedded stores. */
class WebhookServerConcurrencyTest {
    private static final int MESSAGES = 50;

    @Test
    void fiftyConcurrentAfterInsertsForOneNewSenderCreateExactlyOneConversation() throws Exception {
        InMemoryConversationStore conversations = new InMemoryConversationStore();
        InMemoryMessageStore messages = new InMemoryMessageStore();
        MessengerLifecycle lifecycle = MessengerLifecycle.builder()
                .conversationStore(conversations).messageStore(messages).realtimePublisher(new InProcessPublisher())
                .errorLog(new InMemoryErrorLog()).settingsSource(new InMemorySettings()).build();
        WebhookHandler handler = WebhookHandler.builder()
                .docEvents(MessengerWebhookHooks.docEvents(lifecycle, messages)).secret(Fixtures.SECRET).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            Map<String, Object> doc = MessengerDocs.message("MSG-" + i).from("NEW-SENDER").set("modified", "2026-11-20 10:00:00").build();
            messages.save(MessengerMessage.fromDoc(doc));
            bodies.add(Fixtures.json(doc));
        }
        ExecutorService senders = Executors.newFixedThreadPool(MESSAGES);
        try (WebhookServer server = WebhookServer.builder(handler).threads(8).stopGrace(Duration.ZERO).build()
                .start("127.0.0.1", 0)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (byte[] body : bodies) {
                WebhookSignature signature = WebhookSignature.withSecret(Fixtures.SECRET);
                answers.add(senders.submit(() -> {
                    start.await();
                    return client.send(WebhookServerTest.post(server, "after_insert", body)
                            .header(WebhookSignature.HEADER, signature.sign(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(conversations.size()).isEqualTo(1);
        String conversation = conversations.all().get(0).name();
        Set<String> linked = new HashSet<>();
        for (int i = 1; i <= MESSAGES; i++) {
            linked.add(messages.get("MSG-" + i).orElseThrow().conversation());
        }
        assertThat(linked).isEqualTo(Set.of(conversation));
        assertThat(messages.countUnread(conversation)).isEqualTo(MESSAGES);
    }
}
