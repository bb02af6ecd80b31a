package io.github.frappemessenger.frappe.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.frappe.realtime.ChildProcess;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.testing.MessengerDocs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two bridges on one Redis and one site, every webhook delivery sent to both (with Frappe's retries, the sleeps
 * shortened), 100 new senders × 3 messages: one conversation per sender, each message linked once (one link PUT),
 * each state announced once — the insert's state and the state our own link write causes together make one
 * announcement per message.
 */
class TwoBridgeProcessesTest {
    static final String SECRET = "two-bridges-secret";
    private static final int SENDERS = 100;
    private static final int PER_SENDER = 3;

    private final String site = "two-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private RedisSubscriber subscriber;

    @BeforeEach
    void start() throws Exception {
        subscriber = RedisSubscriber.subscribe(6379, "events");
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        subscriber.close();
        frappe.close();
    }

    private URI inThisJvm() throws Exception {
        MessengerBridge bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(env(frappe, site,
                "redis://127.0.0.1:6379", "1")));
        closing.add(bridge);
        return URI.create("http://127.0.0.1:" + bridge.port() + "/");
    }

    /** A bridge JVM of its own (the test's class path, {@link BridgeMain}), stopped at the end of the test. */
    private URI inAChildProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildProcess.Started<Integer> child = ChildProcess.start(List.of(java, "-cp",
                        System.getProperty("java.class.path"), BridgeMain.class.getName()), null,
                env(frappe, site, "redis://127.0.0.1:6379", "1"), "bridge-child",
                line -> line.startsWith("BRIDGE-LISTENING ") ? Integer.valueOf(line.substring(17).strip()) : null,
                Duration.ofSeconds(60));
        closing.add(child.process());
        return URI.create("http://127.0.0.1:" + child.value() + "/");
    }

    static Map<String, String> env(FrappeStandIn frappe, String site, String redisUrl, String catchUpSeconds) {
        Map<String, String> env = new HashMap<>(Map.of(
                "FRAPPE_URL", frappe.client().baseUrl().toString(),
                "FRAPPE_API_KEY", "bridge-key", "FRAPPE_API_SECRET", "bridge-secret",
                "FRAPPE_SITE", site, "REDIS_URL", redisUrl,
                "WEBHOOK_SECRET", SECRET, "BRIDGE_PORT", "0", "CATCHUP_INTERVAL_S", catchUpSeconds));
        try { // one journal directory per bridge process
            env.put("BRIDGE_JOURNAL_DIR", java.nio.file.Files.createTempDirectory("once-journal-").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return env;
    }

    /** A new incoming message, as the Messenger integration inserts it (no conversation: the bridge links it). */
    static Map<String, Object> incoming(String name, String senderId) {
        return MessengerDocs.message(name).from(senderId).build();
    }

    @Test
    void twoBridgesInOneJvmLinkEachMessageOnceAndAnnounceEachStateOnce() throws Exception {
        saveAndDeliverToBoth(List.of(inThisJvm(), inThisJvm()), SENDERS);
    }

    @Test
    void aBridgeInThisJvmAndOneInAChildProcessDoTheSame() throws Exception {
        saveAndDeliverToBoth(List.of(inThisJvm(), inAChildProcess()), 30); // fewer: a second JVM on a shared CPU
    }

    private void saveAndDeliverToBoth(List<URI> bridges, int senderCount) throws Exception {
        WebhooksToBridges webhooks = new WebhooksToBridges(frappe, SECRET, bridges, Duration.ofMillis(200),
                Duration.ofMillis(800));
        closing.add(webhooks);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> saved = new ArrayList<>();
        for (int s = 0; s < senderCount; s++) {
            String sender = "psid-" + s;
            int index = s;
            saved.add(senders.submit(() -> {
                for (int m = 0; m < PER_SENDER; m++) {
                    frappe.save("Messenger Message", incoming("MSG-" + index + "-" + m, sender));
                }
            }));
        }
        for (Future<?> f : saved) {
            f.get(60, TimeUnit.SECONDS);
        }
        senders.shutdown();
        webhooks.awaitIdle(Duration.ofSeconds(120));

        SiteEvents events = new SiteEvents(site, subscriber);
        assertFinalState(frappe, events, senderCount, senderCount * PER_SENDER);
        // Versions come from one Redis counter per conversation, whichever process numbers the event.
        Map<String, List<Long>> versions = events.versionsByConversation();
        assertThat(versions.size()).as("every event names a conversation: " + versions.keySet()).isEqualTo(senderCount);
        versions.forEach((conversation, numbers) -> {
            assertThat(numbers.stream().allMatch(v -> v > 0)).as(conversation + " has an event without version")
                    .isTrue();
            assertThat(Set.copyOf(numbers).size()).as(conversation + " got a version twice: "
                    + numbers).isEqualTo(numbers.size());
        });
    }

    /**
     * The site's and Redis's final state: one conversation per sender, every message linked to it by exactly one
     * link PUT, and exactly one message_update and one message_status_update per message.
     */
    static void assertFinalState(FrappeStandIn frappe, SiteEvents events, int senders, int messages) {
        await().atMost(Duration.ofSeconds(60)).until(() -> events.messageUpdatesByName().size() == messages
                && events.statusUpdatesByName().size() == messages);
        List<Map<String, Object>> conversations = frappe.all("Messenger Conversation");
        Map<Object, List<Object>> bySender = conversations.stream().collect(Collectors.groupingBy(
                c -> c.get("sender_id"), Collectors.mapping(c -> c.get("name"), Collectors.toList())));
        assertThat(bySender.size()).as("a conversation for every sender").isEqualTo(senders);
        bySender.forEach((sender, names) -> assertThat(names.size()).as(sender + " has " + names).isEqualTo(1));
        Map<String, Integer> linkPuts = frappe.linkWrites();
        List<Map<String, Object>> stored = frappe.all("Messenger Message");
        assertThat(stored.size()).isEqualTo(messages);
        for (Map<String, Object> message : stored) {
            Object conversation = message.get("conversation");
            assertThat(conversation).as(message.get("name") + " has no conversation").isNotNull();
            assertThat(conversation).isEqualTo(bySender.get(message.get("sender_id")).get(0));
            assertThat(linkPuts.getOrDefault((String) message.get("name"), 0)).as("link PUTs of " + message.get("name"))
                    .isEqualTo(1);
        }
        assertThat(Set.copyOf(events.messageUpdatesByName().values()))
                .as("message_update per message: " + duplicates(events.messageUpdatesByName())).isEqualTo(Set.of(1));
        assertThat(Set.copyOf(events.statusUpdatesByName().values()))
                .as("message_status_update per message: " + duplicates(events.statusUpdatesByName()))
                .isEqualTo(Set.of(1));
    }

    private static Map<String, Integer> duplicates(Map<String, Integer> counts) {
        Map<String, Integer> more = new LinkedHashMap<>();
        counts.forEach((name, n) -> {
            if (n != 1) {
                more.put(name, n);
            }
        });
        return more;
    }
}
