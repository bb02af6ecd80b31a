package io.github.frappemessenger.frappe.setup;

import static io.github.frappemessenger.frappe.setup.SiteSetupTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.bridge.BridgeConfig;
import io.github.frappemessenger.frappe.bridge.MessengerBridge;
import io.github.frappemessenger.frappe.realtime.NodeRelay;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * doctor over the whole path: the Frappe stand-in (which sends its Webhooks as a site's workers do), the real
 * bridge, the real Redis, and the Socket.IO test relay in the realtime server's place.
 */
class SiteDoctorTest {
    private static final String SECRET = "doctor-webhook-secret";
    private final String site = "doctor-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private MessengerBridge bridge;
    private String bridgeUrl;

    @BeforeEach
    void start() throws Exception {
        frappe.site().strictDocTypes();
        bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(Map.of(
                "FRAPPE_URL", frappe.client().baseUrl().toString(), "FRAPPE_API_KEY", "k", "FRAPPE_API_SECRET", "s",
                "FRAPPE_SITE", site, "REDIS_URL", "redis://127.0.0.1:6379", "WEBHOOK_SECRET", SECRET,
                "BRIDGE_PORT", "0")));
        bridgeUrl = "http://127.0.0.1:" + bridge.port();
        SiteReport setup = SiteSetup.builder(frappe.client()).bridgeUrl(bridgeUrl()).webhookSecret(SECRET).build()
                .run();
        assertThat(setup.ready()).as(setup.text()).isTrue();
    }

    @AfterEach
    void stop() {
        bridge.close();
        frappe.close();
    }

    private String bridgeUrl() {
        return bridgeUrl; // the port, also once the bridge is closed
    }

    private SiteDoctor.Builder doctor() {
        return SiteDoctor.builder(frappe.client()).bridgeUrl(bridgeUrl()).siteName(site)
                .redisUrl(URI.create("redis://127.0.0.1:6379")).timeout(Duration.ofSeconds(15))
                .grace(Duration.ofMillis(800));
    }

    @Test
    void aReadySiteWithTheBridgePassesEveryCheckAndTheProbeLeavesNothingBehind() throws Exception {
        try (NodeRelay relay = NodeRelay.start(0, "events", "k:s=bridge@example.com")) {
            SiteReport report = doctor().realtime(relay.url(), relay.url(), site, "k", "s").build().run();

            assertThat(report.ready()).as(report.text()).isTrue();
            assertThat(check(report, "probe").detail()).as(report.text()).contains("messenger:conversation_update,"
                    + " messenger:message_update, messenger:unread_update");
            assertThat(check(report, "double emission").status()).isEqualTo(Check.Status.READY);
            assertThat(check(report, "realtime server").status()).isEqualTo(Check.Status.READY);
            assertThat(check(report, "realtime delivery").status())
                    .as("heard through Socket.IO").isEqualTo(Check.Status.READY);
            assertThat(check(report, "bridge health").status()).isEqualTo(Check.Status.READY);
            assertThat(check(report, "background workers").detail()).isEqualTo("1 running (they send the Webhooks)");
        }
        assertThat(frappe.all("Messenger Message")).as("the probe message is removed").isEmpty();
        assertThat(frappe.all("Messenger Conversation")).as("and its conversation").isEmpty();
        // 200 done, or 202: accepted and done later (docs/bridge.md, "What a 2xx means")
        assertThat(frappe.site().webhookLog()).allMatch(l -> l.matches(".* 20[02]"));
    }

    @Test
    void aSiteWhoseOwnHooksSetTheConversationIsFlagged() throws Exception {
        frappe.site().siteHook("Messenger Message", doc -> {
            // what a CRM fork's validate does: find or create the sender's conversation itself
            Map<String, Object> conversation = new LinkedHashMap<>(Map.of("name", "FORK-1", "sender_id",
                    doc.get("sender_id"), "platform", "Messenger", "status", "Open"));
            frappe.seed("Messenger Conversation", conversation);
            doc.put("conversation", "FORK-1");
            return doc;
        });

        SiteReport report = doctor().build().run();

        Check doubled = check(report, "double emission");
        assertThat(doubled.status()).as(report.text()).isEqualTo(Check.Status.NOT_READY);
        assertThat(doubled.detail()).contains("the site set the message's conversation itself");
        assertThat(report.ready()).isFalse();
    }

    @Test
    void eventsEmittedTwiceAreFlagged() throws Exception {
        try (SecondEmitter python = new SecondEmitter(site)) {
            SiteReport report = doctor().build().run();

            Check doubled = check(report, "double emission");
            assertThat(doubled.status()).as(report.text()).isEqualTo(Check.Status.NOT_READY);
            assertThat(doubled.detail()).startsWith("messenger:message_update arrived 2 times");
        }
    }

    @Test
    void webhooksSignedWithAnotherSecretFailTheProbeAndTheRequestLogSaysSo() throws Exception {
        for (Map<String, Object> hook : frappe.all("Webhook")) {
            frappe.client().delete("Webhook", (String) hook.get("name"));
        }
        SiteSetup.builder(frappe.client()).bridgeUrl(bridgeUrl()).webhookSecret("not-the-bridges").build().run();

        SiteReport report = doctor().timeout(Duration.ofSeconds(5)).build().run();

        assertThat(check(report, "webhook Messenger Message after_insert").status())
                .as("Frappe does not show the secret: only the probe can tell").isEqualTo(Check.Status.READY);
        Check probe = check(report, "probe");
        assertThat(probe.status()).as(report.text()).isEqualTo(Check.Status.NOT_READY);
        assertThat(probe.detail()).contains("401: the Webhooks' secret is not the bridge's WEBHOOK_SECRET");
        assertThat(report.text()).doesNotContain("not-the-bridges");
    }

    @Test
    void withoutBackgroundWorkersNoWebhookIsSentAndDoctorSaysWhy() throws Exception {
        frappe.site().stopWorkers();

        SiteReport report = doctor().timeout(Duration.ofSeconds(3)).build().run();

        Check workers = check(report, "background workers");
        assertThat(workers.status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(workers.detail()).startsWith("none runs: Frappe queues every Webhook and sends none");
        assertThat(check(report, "probe").status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(check(report, "bridge health").status()).isEqualTo(Check.Status.READY);
    }

    @Test
    void aBridgeThatIsNotRunningFailsHealthAndTheProbe() throws Exception {
        bridge.close();

        SiteReport report = doctor().timeout(Duration.ofSeconds(3)).build().run();

        assertThat(check(report, "bridge health").status()).isEqualTo(Check.Status.NOT_READY);
        Check probe = check(report, "probe");
        assertThat(probe.status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(probe.detail()).startsWith("no messenger event for test message");
        assertThat(report.ready()).isFalse();
        assertThat(frappe.all("Messenger Message")).as("removed even when it failed").isEmpty();
    }

    /** The site's own Python on_update, publishing each message_update of the site a second time. */
    private static final class SecondEmitter implements AutoCloseable {
        private final ObjectMapper json = new ObjectMapper();
        private final Jedis subscriber = new Jedis("127.0.0.1", 6379);
        private final Jedis publisher = new Jedis("127.0.0.1", 6379);
        private final JedisPubSub pubSub;
        private final Thread thread;

        SecondEmitter(String site) throws InterruptedException {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
            pubSub = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int count) {
                    ready.countDown();
                }

                @Override
                public void onMessage(String channel, String message) {
                    try {
                        JsonNode event = json.readTree(message);
                        if (site.equals(event.path("namespace").asText()) && !event.has("copy")
                                && "messenger:message_update".equals(event.path("event").asText())) {
                            ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("copy", true);
                            synchronized (publisher) {
                                publisher.publish("events", json.writeValueAsString(event));
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            thread = new Thread(() -> subscriber.subscribe(pubSub, "events"), "second-emitter");
            thread.setDaemon(true);
            thread.start();
            ready.await();
        }

        @Override
        public void close() {
            pubSub.unsubscribe();
            publisher.close();
        }
    }
}
