package io.github.frappemessenger.frappe.bridge;

import io.github.frappemessenger.frappe.internal.catchup.CatchUpSweep;
import io.github.frappemessenger.frappe.internal.once.MessageStates;
import io.github.frappemessenger.frappe.internal.once.OncePerState;
import io.github.frappemessenger.frappe.internal.once.RedisMessageStates;
import io.github.frappemessenger.frappe.internal.once.SiteLinker;
import io.github.frappemessenger.frappe.internal.site.FrappeRoleMembers;
import io.github.frappemessenger.frappe.internal.site.ProviderMessageIds;
import io.github.frappemessenger.frappe.internal.site.RedisProviderMessageIds;
import io.github.frappemessenger.frappe.journal.DeliveryJournal;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.RetryPolicy;
import io.github.frappemessenger.frappe.site.FrappeSite;
import io.github.frappemessenger.frappe.webhook.DurableDeliveries;
import io.github.frappemessenger.frappe.webhook.MessengerWebhookHooks;
import io.github.frappemessenger.frappe.webhook.WebhookHandler;
import io.github.frappemessenger.frappe.webhook.WebhookServer;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The standalone webhook bridge: a Frappe site calls it by webhook, it runs the messenger's lifecycle against the
 * site's REST API and sends the realtime events into the site's Redis, where Frappe's own realtime server relays
 * them to browsers. Several bridges may run against one site: they share the Redis locks.
 *
 * <p>Every verified delivery is journaled (BRIDGE_JOURNAL_DIR) before it is worked on and answered within 3 s: 200
 * when done, 202 when the work goes on after the answer, 503 only when it could neither be done nor saved
 * (docs/bridge.md, "What a 2xx means"). A restarted bridge first finishes what its journal holds.
 *
 * <p>Built from a {@link BridgeConfig}; {@link #close()} stops the server and the delivery workers, flushes the
 * emitter, closes the journal and Redis.
 */
public final class MessengerBridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessengerBridge.class);
    private static final Duration EMITTER_CLOSE = Duration.ofSeconds(5);
    /** Message records kept in this JVM too, for when Redis loses its data (about 200 bytes each). */
    private static final int REMEMBERED_STATES = 50_000;
    /** Each REST call to the site, its retry included (see start). */
    private static final Duration FRAPPE_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** How long a state's announcement waits for Redis's acknowledgement before its delivery is retried later. */
    private static final Duration ANNOUNCE_ACK_WAIT = Duration.ofSeconds(2);
    /**
     * The catch-up sweep waits for a message's journaled deliveries (they announce its states in order) while the
     * oldest arrived less than this ago; an older one is stuck in retries, and the sweep repairs the message itself.
     */
    private static final Duration JOURNAL_FIRST = Duration.ofMinutes(2);
    /** The sweep's local copy of its cursor, beside the journal's segments, for when Redis loses its data. */
    private static final String CURSOR_COPY = "catchup-cursor.json";

    private final RedisClient redis;
    private final RedisRealtimeEmitter emitter;
    private final DeliveryJournal journal;
    private final DurableDeliveries durable;
    private final WebhookServer server;
    private final CatchUpSweep catchUp;

    private MessengerBridge(RedisClient redis, RedisRealtimeEmitter emitter, DeliveryJournal journal,
            DurableDeliveries durable, WebhookServer server, CatchUpSweep catchUp) {
        this.redis = redis;
        this.emitter = emitter;
        this.journal = journal;
        this.durable = durable;
        this.server = server;
        this.catchUp = catchUp;
    }

    /** Wires everything from the config, starts listening and starts the catch-up sweep. */
    public static MessengerBridge start(BridgeConfig config) throws IOException {
        // The webhook's answer never waits for these calls beyond its 3 s budget (the journal answers 202 and retries),
        // so a call may take what a busy site needs: a call given up early leaves its write's outcome unknown (the
        // site usually finishes it anyway), which costs a read before the retry and, at worst, the same write twice.
        FrappeClient frappe = FrappeClient.builder()
                .baseUrl(config.frappeUrl().toString())
                .apiKey(config.apiKey())
                .apiSecret(config.apiSecret())
                .connectTimeout(Duration.ofSeconds(1))
                .readTimeout(FRAPPE_CALL_TIMEOUT)
                .callTimeout(FRAPPE_CALL_TIMEOUT)
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(50),
                        Duration.ofMillis(200)).withMaxRetryAfter(Duration.ofMillis(500)))
                .build();
        RedisClient redis = RedisClient.create(config.redisUrl());
        RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder()
                .redisUri(config.redisUrl().toString())
                .siteName(config.site())
                .refuseWhenFull(true)
                .build();
        DeliveryJournal journal = null;
        DurableDeliveries durable = null;
        try {
            journal = openJournal(config);
            EmitterConfirmation acknowledged = new EmitterConfirmation(emitter);
            durable = DurableDeliveries.builder(journal).publishConfirmation(acknowledged).build();
            DurableDeliveries held = durable;
            FrappeSite site = FrappeSite.builder(frappe, config.site()).redis(redis).build();
            MessengerLifecycle lifecycle = site.lifecycleBuilder().realtimePublisher(emitter)
                    .roomPolicy(config.rooms().policy(
                            new FrappeRoleMembers(frappe, FrappeRoleMembers.DEFAULT_TTL, Clock.systemUTC())))
                    .build();
            ProviderMessageIds providerIds = new RedisProviderMessageIds(redis, config.site(),
                    RedisProviderMessageIds.DEFAULT_TTL);
            // No existence read before a link: the one bulk_update that links a message tells a message the site does
            // not have. The read is made only after a link write that went unanswered (it may have been taken).
            OncePerState once = new OncePerState(lifecycle, site.messages(),
                    MessageStates.rememberingLocally(RedisMessageStates.builder(redis, config.site()).build(),
                            REMEMBERED_STATES), site.messages()::get,
                    new SiteLinker(lifecycle, site.conversations()))
                    .confirmedBy(acknowledged, ANNOUNCE_ACK_WAIT);
            CatchUpSweep catchUp = CatchUpSweep.builder(frappe, redis, config.site(), once)
                    .interval(config.catchUpInterval())
                    .passOver(MessengerWebhookHooks.providerRetry(providerIds))
                    .deferTo(m -> held.holds(MessengerMessage.DOCTYPE, m.name(), JOURNAL_FIRST))
                    .cursorCopy(config.journalDir().resolve(CURSOR_COPY)).build();
            WebhookHandler.Builder handler = WebhookHandler.builder()
                    .docEvents(MessengerWebhookHooks.docEvents(lifecycle, once, providerIds))
                    .durable(durable)
                    .healthCheck(BridgeHealth.of(frappe, redis, emitter, durable, catchUp::status));
            config.webhookSecret().ifPresent(handler::secret);
            WebhookHandler built = handler.build();
            durable.start();
            WebhookServer server = WebhookServer.builder(built).build().start(config.host(), config.port());
            log.info("messenger bridge for site {} listening on http://{}:{}/webhooks/frappe/<doc event> ({}; {}; {})",
                    config.site(), config.host(), server.port(),
                    config.webhookSecret().isPresent() ? "signatures required" : "no webhook secret: unsigned",
                    "events to " + BridgeConfig.redacted(config.redisUrl()), "rooms: " + config.rooms());
            if (config.webhookSecret().isEmpty()) {
                log.warn("no WEBHOOK_SECRET ({}=1): anyone who reaches {}:{} can post webhooks", BridgeConfig.INSECURE,
                        config.host(), server.port());
            }
            return new MessengerBridge(redis, emitter, journal, durable, server, catchUp.start());
        } catch (IOException | RuntimeException e) {
            if (durable != null) {
                durable.close();
            }
            emitter.close();
            if (journal != null) {
                journal.close();
            }
            redis.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public RedisRealtimeEmitter emitter() {
        return emitter;
    }

    private static DeliveryJournal openJournal(BridgeConfig config) throws IOException {
        try {
            return DeliveryJournal.open(config.journalDir());
        } catch (IOException e) {
            throw new IOException("BRIDGE_JOURNAL_DIR " + config.journalDir().toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Deliveries accepted and not yet done. */
    public int backlog() {
        return durable.backlog();
    }

    /** The catch-up sweep: its {@link CatchUpSweep#status() status} (lag, cursor), or a sweep run now. */
    public CatchUpSweep catchUp() {
        return catchUp;
    }

    @Override
    public void close() {
        catchUp.close();
        server.close();
        durable.close();
        emitter.flush(EMITTER_CLOSE);
        emitter.close();
        journal.close();
        redis.close();
    }
}
