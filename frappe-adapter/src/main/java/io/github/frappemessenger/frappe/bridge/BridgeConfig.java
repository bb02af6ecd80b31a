package io.github.frappemessenger.frappe.bridge;

import io.github.frappemessenger.frappe.internal.bridge.EnvironmentSettings;
import io.github.frappemessenger.frappe.internal.bridge.RoomSettings;
import io.github.frappemessenger.internal.RedisUrls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge's settings, read from the environment in this one place.
 *
 * <table>
 * <tr><td>FRAPPE_URL</td><td>required</td><td>the site's base URL, e.g. https://crm.example.com</td></tr>
 * <tr><td>FRAPPE_API_KEY, FRAPPE_API_SECRET</td><td>required</td><td>token of the user the bridge acts as</td></tr>
 * <tr><td>FRAPPE_SITE</td><td>FRAPPE_URL's host</td><td>the site name: the Socket.IO namespace</td></tr>
 * <tr><td>REDIS_URL</td><td>required</td><td>the site's {@code redis_queue}, where Frappe's realtime server
 * listens (e.g. redis://127.0.0.1:11000)</td></tr>
 * <tr><td>WEBHOOK_SECRET</td><td>required</td><td>the Webhooks' secret: every request must be signed with it</td></tr>
 * <tr><td>BRIDGE_INSECURE</td><td>unset</td><td>{@code 1}: start without WEBHOOK_SECRET and accept unsigned
 * requests, on purpose</td></tr>
 * <tr><td>BRIDGE_HOST, BRIDGE_PORT</td><td>127.0.0.1, 8787</td><td>where the bridge listens</td></tr>
 * <tr><td>MESSENGER_ROOMS</td><td>all</td><td>{@code all} or {@code assigned}: who hears a conversation's
 * events ({@link RoomSettings})</td></tr>
 * <tr><td>MESSENGER_MANAGER_ROLE, MESSENGER_UNASSIGNED_ROLE</td><td>none</td><td>with {@code assigned}: the role
 * that hears every conversation, and the role that hears unassigned ones (else room {@code all})</td></tr>
 * <tr><td>BRIDGE_JOURNAL_DIR</td><td>bridge-journal/&lt;site&gt;</td><td>where deliveries are journaled before
 * they are answered; one bridge process per directory, kept across restarts</td></tr>
 * <tr><td>CATCHUP_INTERVAL_S</td><td>30</td><td>seconds between catch-up sweeps; 0 turns them off</td></tr>
 * </table>
 *
 * {@link #toString()} names no secret.
 */
public record BridgeConfig(URI frappeUrl, String apiKey, String apiSecret, String site, URI redisUrl,
                           Optional<String> webhookSecret, String host, int port, RoomSettings rooms,
                           Path journalDir, Duration catchUpInterval) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    /** Set to {@code 1} to run without WEBHOOK_SECRET on purpose: any caller can then post webhooks. */
    public static final String INSECURE = "BRIDGE_INSECURE";
    public static final Duration DEFAULT_CATCHUP_INTERVAL = Duration.ofSeconds(30);

    /**
     * Reads the settings from environment variables.
     *
     * @throws MissingSettingException naming, in one line, every variable that is missing or unusable
     */
    public static BridgeConfig fromEnvironment(Map<String, String> env) {
        EnvironmentSettings settings = new EnvironmentSettings(env);
        URI frappeUrl = settings.url("FRAPPE_URL", "http", "https");
        String apiKey = settings.required("FRAPPE_API_KEY");
        String apiSecret = settings.required("FRAPPE_API_SECRET");
        Optional<String> site = settings.optional("FRAPPE_SITE");
        URI redisUrl = settings.url("REDIS_URL", "redis", "rediss");
        Optional<String> webhookSecret = settings.optional("WEBHOOK_SECRET");
        boolean insecure = settings.optional(INSECURE).map("1"::equals).orElse(false);
        if (webhookSecret.isEmpty() && !insecure) {
            settings.problem("WEBHOOK_SECRET", "is not set (the Webhooks' secret; to accept unsigned webhooks on "
                    + "purpose, set " + INSECURE + "=1 instead)");
        }
        String host = settings.optional("BRIDGE_HOST").orElse(DEFAULT_HOST);
        int port = settings.port("BRIDGE_PORT", DEFAULT_PORT);
        RoomSettings rooms = RoomSettings.fromEnvironment(settings);
        Duration catchUpInterval = settings.optional("CATCHUP_INTERVAL_S").map(text -> seconds(settings, text))
                .orElse(DEFAULT_CATCHUP_INTERVAL);
        settings.check();
        String siteName = site.orElse(frappeUrl.getHost());
        return new BridgeConfig(frappeUrl, apiKey, apiSecret, siteName, redisUrl, webhookSecret, host, port, rooms,
                settings.optional("BRIDGE_JOURNAL_DIR").map(Path::of).orElseGet(() -> defaultJournalDir(siteName)),
                catchUpInterval);
    }

    private static Duration seconds(EnvironmentSettings settings, String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 0 && seconds <= 86_400) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        settings.problem("CATCHUP_INTERVAL_S", "must be a whole number of seconds from 0 (catch-up off) to 86400");
        return DEFAULT_CATCHUP_INTERVAL;
    }

    /** {@code bridge-journal/<site>} in the working directory, the site name made a safe folder name. */
    static Path defaultJournalDir(String site) {
        String folder = site.replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of("bridge-journal", folder.matches("\\.*") ? "_" + folder : folder); // never "." or ".."
    }

    @Override
    public String toString() {
        return "BridgeConfig[frappeUrl=" + frappeUrl + ", apiKey=" + apiKey + ", apiSecret=****, site=" + site
                + ", redisUrl=" + redacted(redisUrl) + ", webhookSecret=" + (webhookSecret.isPresent() ? "****" : "none")
                + ", host=" + host + ", port=" + port + ", rooms=" + rooms + ", journalDir=" + journalDir
                + ", catchUpInterval=" + catchUpInterval.toSeconds() + "s]";
    }

    /** A Redis URL without its password, for logs. */
    public static String redacted(URI redisUrl) {
        return RedisUrls.redact(redisUrl);
    }
}
