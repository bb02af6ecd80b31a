package io.github.frappemessenger.frappe.bridge;

import java.net.URI;
import java.util.Arrays;
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
 * <tr><td>WEBHOOK_SECRET</td><td>optional</td><td>when set, every request must be signed with it</td></tr>
 * <tr><td>BRIDGE_HOST, BRIDGE_PORT</td><td>127.0.0.1, 8787</td><td>where the bridge listens</td></tr>
 * </table>
 *
 * {@link #toString()} names no secret.
 */
public record BridgeConfig(URI frappeUrl, String apiKey, String apiSecret, String site, URI redisUrl,
                           Optional<String> webhookSecret, String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;

    /**
     * Reads the settings from environment variables.
     *
     * @throws MissingSettingException naming the first variable that is missing or unusable
     */
    public static BridgeConfig fromEnvironment(Map<String, String> env) {
        URI frappeUrl = url(env, "FRAPPE_URL", "http", "https");
        String apiKey = required(env, "FRAPPE_API_KEY");
        String apiSecret = required(env, "FRAPPE_API_SECRET");
        String site = optional(env, "FRAPPE_SITE").orElse(frappeUrl.getHost());
        URI redisUrl = url(env, "REDIS_URL", "redis", "rediss");
        Optional<String> webhookSecret = optional(env, "WEBHOOK_SECRET");
        String host = optional(env, "BRIDGE_HOST").orElse(DEFAULT_HOST);
        int port = optional(env, "BRIDGE_PORT").map(BridgeConfig::port).orElse(DEFAULT_PORT);
        return new BridgeConfig(frappeUrl, apiKey, apiSecret, site, redisUrl, webhookSecret, host, port);
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new MissingSettingException(name, "is not set"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static URI url(Map<String, String> env, String name, String... schemes) {
        String text = required(env, name);
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new MissingSettingException(name, "is not a URL");
        }
        if (uri.getHost() == null || !Arrays.asList(schemes).contains(uri.getScheme())) {
            throw new MissingSettingException(name, "must be a " + String.join(" or ", schemes) + " URL with a host");
        }
        return uri;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MissingSettingException("BRIDGE_PORT", "must be a port number (0-65535)");
    }

    @Override
    public String toString() {
        return "BridgeConfig[frappeUrl=" + frappeUrl + ", apiKey=" + apiKey + ", apiSecret=****, site=" + site
                + ", redisUrl=" + redacted(redisUrl) + ", webhookSecret=" + (webhookSecret.isPresent() ? "****" : "none")
                + ", host=" + host + ", port=" + port + "]";
    }

    /** A Redis URL without its password, for logs. */
    public static String redacted(URI redisUrl) {
        String userInfo = redisUrl.getUserInfo();
        if (userInfo == null) {
            return redisUrl.toString();
        }
        return redisUrl.toString().replace(userInfo + "@", "****@");
    }
}
