package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * close() finishes the HTTP calls that are running before it returns (an embedding app closes its store right after),
 * and they are not interrupted.
 */
class ServerCloseTest {

    @Test
    void closeReturnsOnlyAfterTheRunningCallsFinished() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        MessengerSocketServer server = MessengerSocketServer.builder().site("close.localhost").port(0)
                .authenticator(TokenAuthenticator.parse("agent@example.com=k:s"))
                .httpService(call -> {
                    entered.countDown();
                    try {
                        release.await();
                        order.add("call finished");
                    } catch (InterruptedException e) {
                        order.add("call interrupted");
                        Thread.currentThread().interrupt();
                    }
                    return HttpReply.text(200, "done");
                })
                .build().start();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(15)).until(() -> entered.getCount() == 0);

        Thread closer = new Thread(() -> {
            server.close();
            order.add("close returned");
        }, "closer");
        closer.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        assertThat(order).as("close returned while a call was running").doesNotContain("close returned");
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(order).isEqualTo(List.of("call finished", "close returned"));
        assertThat(answer.get(15, TimeUnit.SECONDS).body()).as("the running call is answered").isEqualTo("done");
    }
}
