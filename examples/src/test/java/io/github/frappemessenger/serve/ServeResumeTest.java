package io.github.frappemessenger.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.frappe.realtime.FrappeRealtimeClient;
import io.github.frappemessenger.inbox.InboxConversation;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.model.MessengerConversation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Our JVM client ({@code FrappeRealtimeClient} feeding a {@code MessengerInbox}) against {@code serve}: a client cut
 * off while 1,000 messages are saved hears each of them once, in order, after it is back; a client whose gap is
 * beyond the history is told so and converges to the same inbox through its resync.
 */
class ServeResumeTest {
    private static final String TOKENS = "agent@example.com=k1:s1";

    /** Refuses every request while cut: the client can neither keep nor open a connection. */
    private static final class Cut implements okhttp3.Interceptor {
        final AtomicBoolean cut = new AtomicBoolean();

        @Override
        public okhttp3.Response intercept(Chain chain) throws IOException {
            if (cut.get()) {
                throw new IOException("network cut by the test");
            }
            return chain.proceed(chain.request());
        }
    }

    private static Map<String, Object> incoming(int i, String sender) {
        return Map.of("name", String.format("R-%s-%04d", sender, i), "sender_id", sender, "platform", "Messenger",
                "message_direction", "Incoming", "message", "message " + i, "content_type", "text",
                "timestamp", String.format("2026-11-27 10:%02d:%02d", i / 60 % 60, i % 60));
    }

    private record Client(FrappeRealtimeClient client, MessengerInbox inbox, List<String> heard, Cut cut) {
    }

    private static Client client(Serve serve) {
        Cut cut = new Cut();
        MessengerInbox inbox = new MessengerInbox();
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        String url = "http://127.0.0.1:" + serve.port();
        Backend backend = serve.backend();
        FrappeRealtimeClient c = FrappeRealtimeClient.builder()
                .siteUrl(url).socketIoUrl(url).siteName("localhost").apiToken("k1", "s1")
                .okHttpClient(new OkHttpClient.Builder().addInterceptor(cut).build())
                .inbox(inbox)
                .reconnectDelay(Duration.ofMillis(200), Duration.ofSeconds(1))
                .conversationResync(since -> backend.conversations())
                .unreadCountSource(() -> backend.conversations().stream()
                        .collect(Collectors.toMap(MessengerConversation::name, v -> backend.unread(v.name()))))
                .build();
        c.on("messenger:message_update", (event, payload) -> heard.add((String) ((Map<?, ?>) payload.get("message"))
                .get("name")));
        return new Client(c, inbox, heard, cut);
    }

    private static void cutOff(Client c, Serve serve) {
        c.cut().cut.set(true);
        serve.socketServer().disconnectAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> !c.client().isConnected());
    }

    @Test
    void aClientCutOffWhileAThousandMessagesAreSavedHearsEachOnceInOrder() {
        try (Serve serve = Serve.start(ServeOptions.parse(new String[] {"--port", "0"}), TOKENS)) {
            Client c = client(serve);
            try (FrappeRealtimeClient client = c.client().connect()) {
                await().atMost(Duration.ofSeconds(20)).until(client::isConnected);
                serve.backend().messenger().save(incoming(0, "alice"));
                await().atMost(Duration.ofSeconds(10)).until(() -> c.heard().size() == 1);

                cutOff(c, serve);
                for (int i = 1; i <= 1_000; i++) {
                    serve.backend().messenger().save(incoming(i, "alice"));
                }
                assertThat(client.isConnected()).isFalse();
                c.cut().cut.set(false);

                await().atMost(Duration.ofSeconds(60)).until(() -> c.heard().size() >= 1_001);
                List<String> expected = IntStream.rangeClosed(0, 1_000)
                        .mapToObj(i -> String.format("R-alice-%04d", i)).toList();
                assertThat(List.copyOf(c.heard())).as("each message once, in order").isEqualTo(expected);
                InboxConversation alice = c.inbox().conversations().get(0);
                assertThat(alice.unreadCount()).isEqualTo(1_001);
                assertThat(alice.lastMessage()).isEqualTo("message 1000");
            }
        }
    }

    @Test
    void aClientWhoseGapIsBeyondTheHistoryIsToldAndConvergesThroughItsResync() {
        try (Serve serve = Serve.start(ServeOptions.parse(new String[] {"--port", "0", "--history-size", "50"}),
                TOKENS)) {
            Client c = client(serve);
            List<Boolean> recovered = Collections.synchronizedList(new ArrayList<>());
            c.client().on("messenger:resume", (event, payload) -> recovered.add((Boolean) payload.get("recovered")));
            try (FrappeRealtimeClient client = c.client().connect()) {
                await().atMost(Duration.ofSeconds(20)).until(client::isConnected);
                serve.backend().messenger().save(incoming(0, "bob"));
                await().atMost(Duration.ofSeconds(10)).until(() -> c.heard().size() == 1);

                cutOff(c, serve);
                for (int i = 1; i <= 100; i++) {
                    serve.backend().messenger().save(incoming(i, i % 2 == 0 ? "bob" : "carol"));
                }
                c.cut().cut.set(false);

                await().atMost(Duration.ofSeconds(30)).until(() -> recovered.size() >= 2);
                assertThat(recovered.get(1)).as("the gap (400 events) is beyond the 50 kept").isFalse();
                assertThat(c.heard()).as("nothing is replayed").hasSize(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> sameInbox(c.inbox(), serve));
                assertThat(sameInbox(c.inbox(), serve)).isTrue();
            }
        }
    }

    private static boolean sameInbox(MessengerInbox inbox, Serve serve) {
        List<String> mine = inbox.conversations().stream()
                .map(v -> v.name() + "|" + v.lastMessage() + "|" + v.unreadCount()).sorted().toList();
        List<String> server = serve.backend().conversations().stream()
                .map(v -> v.name() + "|" + v.lastMessage() + "|" + serve.backend().unread(v.name())).sorted().toList();
        return mine.equals(server);
    }
}
