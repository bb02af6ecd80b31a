package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.internal.setup.BridgeWebhook;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.internal.Builders;
import io.github.frappemessenger.internal.RedisUrls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Proves the whole path on a live site, one {@link Check} per link: REST auth, the DocTypes and records, the
 * Webhooks (enabled, URL, signed), the API user's rights, the bridge's {@code /health}, Redis, the realtime server
 * (with the JVM client's headers), and a probe: a test message saved over REST that must come back as messenger
 * events on Redis, each once (twice means the site's own Python hooks still run beside the bridge). The probe's
 * message and conversation are deleted afterwards.
 *
 * <pre>{@code
 * SiteReport report = SiteDoctor.builder(frappe)
 *     .bridgeUrl("http://10.0.0.5:8787")
 *     .redisUrl(URI.create("redis://127.0.0.1:11000"))     // the site's redis_queue
 *     .realtime("https://crm.example.com", null, "crm.example.com", apiKey, apiSecret)
 *     .build()
 *     .run();
 * }</pre>
 *
 * Immutable; {@link #run()} uses the calling thread plus, while it runs, one Redis subscriber thread and the
 * Socket.IO client's threads.
 */
public final class SiteDoctor {
    private final Builder b;

    private SiteDoctor(Builder b) {
        this.b = b;
    }

    public static Builder builder(FrappeClient frappe) {
        return new Builder(frappe);
    }

    public SiteReport run() throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        RestAuth auth = RestAuth.of(b.frappe);
        checks.add(auth.check());
        if (auth.ok()) {
            checks.addAll(new DocTypeSetup(b.frappe, false).run());
            checks.addAll(new WebhookSetup(b.frappe, b.bridgeUrl, null, false).run());
            checks.add(BackgroundWorkers.of(b.frappe));
            checks.addAll(new ApiUserRights(b.frappe).run(auth.user()));
        }
        OkHttpClient http = b.frappe.okHttpClient();
        checks.add(BridgeHealth.of(http, b.bridgeUrl));
        RealtimeWatch socket = null;
        if (b.siteUrl != null) {
            try {
                socket = new RealtimeWatch(b.siteUrl, b.socketIoUrl, b.siteName, b.apiKey, b.apiSecret, b.timeout);
                checks.add(socket.connect(b.siteName, b.timeout));
            } catch (IllegalArgumentException e) {
                checks.add(Check.failed(RealtimeWatch.NAME, e.getMessage()));
            }
        }
        try {
            probe(checks, auth, socket);
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
        return new SiteReport(checks);
    }

    private void probe(List<Check> checks, RestAuth auth, RealtimeWatch socket) throws InterruptedException {
        RedisEvents events;
        try {
            events = RedisEvents.subscribe(b.redisUrl, b.timeout);
        } catch (RuntimeException e) {
            checks.add(Check.notReady("redis", "cannot subscribe to '" + RedisEvents.CHANNEL + "' on "
                    + redacted(b.redisUrl) + ": " + e.getMessage() + " (REDIS_URL is the site's redis_queue)"));
            checks.add(Check.notReady("probe", "skipped: Redis is needed to see the events"));
            return;
        }
        try (events) {
            checks.add(Check.ready("redis", "subscribed to '" + RedisEvents.CHANNEL + "' on " + redacted(b.redisUrl)));
            if (auth.ok()) {
                RealtimeWatch listening = socket != null && socket.isConnected() ? socket : null;
                checks.addAll(new EndToEndProbe(b.frappe, events, b.siteName, b.platform, b.timeout, b.grace)
                        .run(listening));
            } else {
                checks.add(Check.notReady("probe", "skipped: the REST API did not accept the token"));
            }
        }
    }

    static String redacted(URI uri) {
        return RedisUrls.redact(uri);
    }

    /** Configures a {@link SiteDoctor}. Not thread-safe. */
    public static final class Builder {
        private final FrappeClient frappe;
        private String bridgeUrl;
        private URI redisUrl;
        private String siteUrl;
        private String socketIoUrl;
        private String siteName;
        private String apiKey;
        private String apiSecret;
        private String platform = "Messenger";
        private Duration timeout = Duration.ofSeconds(10);
        private Duration grace = Duration.ofMillis(1500);

        private Builder(FrappeClient frappe) {
            this.frappe = Objects.requireNonNull(frappe, "frappe");
            this.siteName = frappe.baseUrl().host();
        }

        /** The bridge's base URL as the site reaches it (its Webhooks' address, and where /health is asked). */
        public Builder bridgeUrl(String url) {
            if (okhttp3.HttpUrl.parse(Objects.requireNonNull(url, "bridgeUrl").strip()) == null) {
                throw new IllegalArgumentException("bridgeUrl must be an http or https URL, got '" + url + "'");
            }
            this.bridgeUrl = BridgeWebhook.stripSlash(url);
            return this;
        }

        /** The site's {@code redis_queue}, where the realtime events travel. */
        public Builder redisUrl(URI url) {
            this.redisUrl = Objects.requireNonNull(url, "redisUrl");
            return this;
        }

        /**
         * Checks the realtime server too, as the JVM client connects: {@code socketIoUrl} null means the client's
         * default; {@code siteName} is the namespace (also the namespace the probe's events must carry).
         */
        public Builder realtime(String siteUrl, String socketIoUrl, String siteName, String apiKey,
                                String apiSecret) {
            this.siteUrl = Objects.requireNonNull(siteUrl, "siteUrl");
            this.socketIoUrl = socketIoUrl;
            this.siteName = Objects.requireNonNull(siteName, "siteName");
            this.apiKey = apiKey;
            this.apiSecret = apiSecret;
            return this;
        }

        /** The namespace the probe's events must carry; default the site URL's host. */
        public Builder siteName(String name) {
            this.siteName = Objects.requireNonNull(name, "siteName");
            return this;
        }

        /** The platform of the probe message; default {@code Messenger}. */
        public Builder platform(String name) {
            this.platform = Objects.requireNonNull(name, "platform");
            return this;
        }

        /** How long the probe and each connection wait; default 10 s. */
        public Builder timeout(Duration d) {
            this.timeout = Builders.positive(d, "timeout");
            return this;
        }

        /** How long the probe keeps listening for second copies after the first message_update; default 1.5 s. */
        public Builder grace(Duration d) {
            this.grace = Objects.requireNonNull(d, "grace");
            return this;
        }

        public SiteDoctor build() {
            if (bridgeUrl == null || redisUrl == null) {
                throw new IllegalStateException("bridgeUrl and redisUrl are required");
            }
            return new SiteDoctor(this);
        }
    }
}
