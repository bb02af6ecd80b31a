package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over real HTTP on loopback, on an ephemeral port. */
class WebhookServerTest {
    private final RecordingHandler afterInsert = new RecordingHandler();
    private final DocEvents docEvents = DocEvents.builder()
            .on("Messenger Message", DocEvent.AFTER_INSERT, afterInsert)
            .build();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<WebhookServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(WebhookServer::close);
    }

    private WebhookServer start(WebhookHandler handler) throws IOException {
        WebhookServer server = WebhookServer.builder(handler).threads(4).stopGrace(Duration.ZERO).build()
                .start("127.0.0.1", 0);
        servers.add(server);
        return server;
    }

    private WebhookServer start() throws IOException {
        return start(WebhookHandler.builder().docEvents(docEvents).secret(Fixtures.SECRET).build());
    }

    static URI uri(WebhookServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder post(WebhookServer server, String event, byte[] body) {
        // ofByteArray sends no Content-Type, as Frappe does unless the Webhook lists one.
        return HttpRequest.newBuilder(uri(server, WebhookHandler.WEBHOOK_PREFIX + event))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    @Test
    void frappesFixturePostedWithoutContentTypeIsVerifiedAndProcessed() throws Exception {
        WebhookServer server = start();

        HttpResponse<String> response = send(post(server, "after_insert", Fixtures.fixtureBody())
                .header(WebhookSignature.HEADER, Fixtures.fixtureSignature()).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(null)).isEqualTo(WebhookResponse.CONTENT_TYPE);
        assertThat(Fixtures.parse(response.body()).get("name").asText()).isEqualTo("MSG-0001");
        assertThat(afterInsert.count()).isEqualTo(1);
    }

    @Test
    void anUnsignedPostIs401OverHttp() throws Exception {
        WebhookServer server = start();

        HttpResponse<String> response = send(post(server, "after_insert", Fixtures.fixtureBody()).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Fixtures.parse(response.body()).get("error").asText()).contains(WebhookSignature.HEADER);
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void healthAnswersOverHttp() throws Exception {
        WebhookServer server = start(WebhookHandler.builder().docEvents(docEvents)
                .healthCheck(() -> Map.of("redis", false)).build());

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(server, "/health")).GET().build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"down\",\"checks\":{\"redis\":\"down\"}}");
    }

    @Test
    void aWrongMethodIs405WithAnAllowHeader() throws Exception {
        WebhookServer server = start();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(server, "/webhooks/frappe/on_update"))
                .method("PUT", HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow").orElse(null)).isEqualTo("POST");
    }

    @Test
    void aBodyOverTheConfiguredLimitIs413AndTheServerKeepsServing() throws Exception {
        WebhookServer server = start(WebhookHandler.builder().docEvents(docEvents).maxBodyBytes(1024).build());

        HttpResponse<String> oneOver = send(post(server, "after_insert", new byte[1025]).build());
        HttpResponse<String> muchOver = send(post(server, "after_insert", new byte[48 * 1024]).build());
        // On a new connection: the server closes those it answered 413 before reading their body, and the JDK client
        // may still hand one of them out for a moment (it failed here once with "header parser received no bytes").
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> fine = fresh.send(post(server, "after_insert", Fixtures.fixtureBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(oneOver.statusCode()).isEqualTo(413);
        assertThat(Fixtures.parse(oneOver.body()).get("error").asText()).as(oneOver.body()).contains("1024 bytes");
        assertThat(muchOver.statusCode()).isEqualTo(413);
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
        assertThat(afterInsert.count()).isEqualTo(1);
    }

    @Test
    void aSenderStillWritingABodyFarOverTheLimitReadsIts413AndTheServerKeepsServing() throws Exception {
        WebhookServer server = start(WebhookHandler.builder().docEvents(docEvents).maxBodyBytes(1024).build());

        // The declared length is over the limit, so the server answers 413 before reading the body. A sender writes
        // the whole body before it reads (Frappe's worker does): the server reads and drops the 8 MiB behind its
        // answer, so the sender finishes and reads the 413 instead of meeting a connection reset.
        byte[] body = new byte[8 << 20];
        String answer;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + WebhookHandler.WEBHOOK_PREFIX + "after_insert HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 413").contains("1024 bytes");

        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> fine = fresh.send(post(server, "after_insert", Fixtures.fixtureBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
        assertThat(afterInsert.count()).as("only the small delivery is processed").isEqualTo(1);
    }

    @Test
    void closeLetsARequestInProgressFinishAndAnswersNewOnes503() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DocEvents slow = DocEvents.builder().on("Messenger Message", DocEvent.AFTER_INSERT, doc -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return doc;
        }).build();
        WebhookServer server = WebhookServer.builder(WebhookHandler.builder().docEvents(slow).build())
                .stopGrace(Duration.ofSeconds(30)).build().start("127.0.0.1", 0);
        servers.add(server);
        CompletableFuture<HttpResponse<String>> inProgress = client.sendAsync(
                post(server, "after_insert", Fixtures.fixtureBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

        int status = 0;
        for (int attempt = 0; attempt < 10_000 && status != 503; attempt++) {
            status = send(HttpRequest.newBuilder(uri(server, "/health")).GET().build()).statusCode();
        }
        release.countDown();

        assertThat(status).isEqualTo(503);
        assertThat(inProgress.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        closing.get(30, TimeUnit.SECONDS);
    }

    @Test
    void byDefaultOneByteOverOneMebibyteIs413() throws Exception {
        WebhookServer server = start();

        HttpResponse<String> response = send(post(server, "after_insert", new byte[(1 << 20) + 1])
                .header(WebhookSignature.HEADER, "irrelevant").build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void anUnknownPathIs404OverHttp() throws Exception {
        WebhookServer server = start();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(server, "/")).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Fixtures.parse(response.body()).has("error")).as(response.body()).isTrue();
    }

    @Test
    void aClosedServerNoLongerAcceptsConnections() throws Exception {
        WebhookServer server = start();
        URI health = uri(server, "/health");
        server.close();

        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> send(HttpRequest.newBuilder(health).GET().build()));
    }

    @Test
    void aServerStartsOnlyOnce() throws Exception {
        WebhookServer server = start();

        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> server.start("127.0.0.1", 0));
    }

    @Test
    void portBeforeStartIsRefused() {
        WebhookServer server = WebhookServer.builder(WebhookHandler.builder().docEvents(docEvents).build()).build();

        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(server::port);
    }
}
