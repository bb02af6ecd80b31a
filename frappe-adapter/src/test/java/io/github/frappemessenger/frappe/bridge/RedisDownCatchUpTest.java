package io.github.frappemessenger.frappe.bridge;

import static io.github.frappemessenger.frappe.bridge.TwoBridgeProcessesTest.SECRET;
import static io.github.frappemessenger.frappe.bridge.TwoBridgeProcessesTest.env;
import static io.github.frappemessenger.frappe.bridge.TwoBridgeProcessesTest.incoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.frappe.realtime.RedisServerProcess;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Redis (a redis-server of the test's own, with persistence, as a site's Redis has) stops while after_insert and
 * on_update arrive: nothing can be linked; each delivery is journaled (2xx) or, failing that, given up by Frappe
 * after its 3 tries. When Redis is back, the journal's retries and the catch-up sweep — nobody acting — link every
 * message, give each sender its one conversation and announce each state once; what was announced before the outage
 * is not announced again.
 */
class RedisDownCatchUpTest {
    private static final String[] PERSISTENT = {"--appendonly", "yes", "--appendfsync", "always"};

    private final String site = "down-" + UUID.randomUUID().toString().substring(0, 8) + ".local";

    @Test
    void afterRedisReturnsCatchUpRepairsWhatFrappeGaveUpOn() throws Exception {
        try (FrappeStandIn frappe = new FrappeStandIn();
             RedisServerProcess redis = RedisServerProcess.start(PERSISTENT)) {
            RedisSubscriber before = RedisSubscriber.subscribe(redis.port(), "events");
            RedisSubscriber after = null;
            try (MessengerBridge bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(
                         env(frappe, site, redis.uri(), "1")));
                 WebhooksToBridges webhooks = new WebhooksToBridges(frappe, SECRET,
                         List.of(URI.create("http://127.0.0.1:" + bridge.port() + "/")),
                         Duration.ofMillis(100), Duration.ofMillis(400))) {
                // Before the outage: 10 senders, 2 messages each, delivered and announced.
                save(frappe, 0, 10, 2);
                webhooks.awaitIdle(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(30)).until(() -> new SiteEvents(site, before)
                        .messageUpdatesByName().size() == 20);
                int answeredBefore = webhooks.answered2xx();

                redis.stop();
                save(frappe, 5, 30, 2); // 5 known senders and 20 new ones, 2 more messages each
                webhooks.awaitIdle(Duration.ofSeconds(60));
                // after_insert and on_update of 50 messages: each journaled (2xx) or given up by Frappe after 3 tries
                assertThat(webhooks.answered2xx() + webhooks.givenUp()).isEqualTo(answeredBefore + 100);
                long unlinked = frappe.all("Messenger Message").stream().filter(m -> m.get("conversation") == null)
                        .count();
                assertThat(unlinked).as("nothing could be linked without Redis").isEqualTo(50);

                // Back, refusing PUBLISH until the new subscriber listens, so that no event goes to nobody.
                redis.restart(withPersistence("--user", "default", "on", "nopass", "~*", "&*", "+@all",
                        "-publish"));
                after = RedisSubscriber.subscribe(redis.port(), "events");
                try (Jedis admin = new Jedis("127.0.0.1", redis.port())) {
                    admin.aclSetUser("default", "+publish");
                }

                SiteEvents events = new SiteEvents(site, before, after);
                TwoBridgeProcessesTest.assertFinalState(frappe, events, 30, 70);
                assertThat(bridge.catchUp().status().healthy()).isTrue();
            } finally {
                closeQuietly(before); // its Redis went away under it
                if (after != null) {
                    after.close();
                }
            }
        }
    }

    private static void closeQuietly(RedisSubscriber subscriber) {
        try {
            subscriber.close();
        } catch (RuntimeException | InterruptedException e) {
            // the subscription died with the first Redis run
        }
    }

    /** Saves {@code perSender} messages for each sender in [from, to), as the Messenger integration does. */
    private static void save(FrappeStandIn frappe, int from, int to, int perSender) {
        for (int m = 0; m < perSender; m++) {
            for (int s = from; s < to; s++) {
                String name = "MSG-" + s + "-" + m + "-" + UUID.randomUUID().toString().substring(0, 4);
                frappe.save("Messenger Message", incoming(name, "psid-" + s));
            }
        }
    }

    private static String[] withPersistence(String... more) {
        String[] all = new String[PERSISTENT.length + more.length];
        System.arraycopy(PERSISTENT, 0, all, 0, PERSISTENT.length);
        System.arraycopy(more, 0, all, PERSISTENT.length, more.length);
        return all;
    }
}
