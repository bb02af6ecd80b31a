package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.inbox.InboxConversation;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.model.MessengerConversation;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The socket goes away (the relay is killed) and comes back: fallback polling, then resync. */
class ReconnectAndFallbackTest {
    private static final String TOKENS = "keyA:secretA=a@example.com";
    private final String site = "resync-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
    private final String channel = "events-resync-" + UUID.randomUUID();
    private final MessengerInbox inbox = new MessengerInbox();
    private final AtomicInteger unreadPolls = new AtomicInteger();
    private volatile Map<String, Long> unreadOnSite = Map.of();
    private final List<LocalDateTime> resyncCalls = new CopyOnWriteArrayList<>();
    private volatile List<MessengerConversation> changedOnSite = List.of();
    private NodeRelay relay;
    private RedisRealtimeEmitter emitter;

    @BeforeEach
    void emitter() {
        emitter = RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379").siteName(site).channel(channel)
                .build();
    }

    @AfterEach
    void stop() {
        emitter.close();
        if (relay != null) {
            relay.close();
        }
    }

    private FrappeRealtimeClient client(int port) {
        return FrappeRealtimeClient.builder().siteUrl("http://127.0.0.1:8000").socketIoUrl("http://127.0.0.1:" + port)
                .siteName(site).apiToken("keyA", "secretA").inbox(inbox)
                .unreadCountSource(() -> {
                    unreadPolls.incrementAndGet();
                    return unreadOnSite;
                })
                .conversationResync(since -> {
                    resyncCalls.add(since);
                    return changedOnSite;
                })
                .pollInterval(Duration.ofMillis(200))
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500))
                .build();
    }

    @ParameterizedTest(name = "relay {0}")
    @ValueSource(strings = {"stopped gracefully", "killed"})
    void afterTheRelayRestartsTheClientReconnectsAndResyncsFromTheDropTime(String how) throws Exception {
        relay = NodeRelay.start(0, channel, TOKENS);
        Recorder recorder = new Recorder();
        try (FrappeRealtimeClient client = client(relay.port())) {
            client.onConnectionChange(recorder);
            client.connect();
            await().until(client::isConnected);
            LocalDateTime beforeLastEvent = LocalDateTime.now();
            emitter.publish(RealtimeEvent.toAll(new ConversationUpdate(conversation("CONV-1", "first", "10:00:00"))));
            await().until(() -> inbox.conversations().size() == 1);

            if (how.equals("killed")) {
                relay.kill();
            } else {
                relay.stop();
            }
            await().until(() -> !client.isConnected());
            // Sent while nobody relays it: the browser-less client can only learn of it by resyncing.
            MessengerConversation missed = conversation("CONV-2", "sent while you were away", "10:05:00");
            emitter.publish(RealtimeEvent.toAll(new ConversationUpdate(missed)));
            assertThat(emitter.flush(Duration.ofSeconds(10))).isTrue();
            changedOnSite = List.of(missed);
            unreadOnSite = Map.of("CONV-2", 4L);

            relay.restart();
            await().until(() -> recorder.connects() == 2 && !resyncCalls.isEmpty());
            await().until(() -> inbox.unreadCount("CONV-2") == 4);

            LocalDateTime since = resyncCalls.get(0);
            LocalDateTime dropSeen = recorder.disconnects().get(0);
            assertThat(since).as(since + " is before the last event heard " + beforeLastEvent)
                    .isAfterOrEqualTo(beforeLastEvent);
            assertThat(since).as(since + " is after the drop " + dropSeen).isBeforeOrEqualTo(dropSeen);
            assertThat(inbox.conversations().stream().map(InboxConversation::name).toList())
                    .isEqualTo(List.of("CONV-2", "CONV-1"));
            assertThat(inbox.conversations().get(0).lastMessage()).isEqualTo("sent while you were away");
            assertThat(inbox.unreadCount("CONV-1")).isEqualTo(0);
            assertThat(resyncCalls).hasSize(1);
        }
    }

    @Test
    void whileTheSocketIsDownUnreadCountsArePolledAndPollingStopsOnceConnected() throws Exception {
        int port = FreePort.pick(); // no relay there yet
        inbox.upsert(conversation("CONV-1", "hello", "09:00:00"));
        unreadOnSite = Map.of("CONV-1", 7L);
        try (FrappeRealtimeClient client = client(port)) {
            client.connect();
            await().until(() -> unreadPolls.get() >= 2);
            assertThat(inbox.unreadCount("CONV-1")).isEqualTo(7);

            relay = NodeRelay.start(port, channel, TOKENS);
            await().until(client::isConnected);
            int pollsWhenConnected = unreadPolls.get();
            Thread.sleep(1_000); // five poll intervals: proving an absence needs a wait
            assertThat(unreadPolls.get())
                    .as("polls went on after connecting: " + pollsWhenConnected + " -> " + unreadPolls.get())
                    .isLessThanOrEqualTo(pollsWhenConnected + 1);
            assertThat(resyncCalls).as("no drop happened, so nothing to resync").isEmpty();
        }
    }

    @Test
    void aRefusedClientKeepsTryingAndGetsInOnceTheServerAcceptsIt() throws Exception {
        relay = NodeRelay.start(0, channel, "someoneElse:secret=b@example.com");
        int port = relay.port();
        Recorder recorder = new Recorder();
        try (FrappeRealtimeClient client = client(port)) {
            client.onConnectionChange(recorder);
            client.connect();
            await().until(() -> recorder.connectErrors().size() >= 2); // refused, and tried again
            assertThat(recorder.connectErrors()).allMatch(m -> m.startsWith("Unauthorized"));

            relay.stop();
            relay = NodeRelay.start(port, channel, TOKENS); // the site now knows keyA
            await().until(client::isConnected);
        }
    }

    private static MessengerConversation conversation(String name, String lastMessage, String time) {
        return new MessengerConversation(name, "psid-" + name, "Facebook", lastMessage,
                FrappeDates.parse("2024-05-01 " + time), false, "Open", Map.of());
    }
}
