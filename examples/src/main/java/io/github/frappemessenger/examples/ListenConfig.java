package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.bridge.MissingSettingException;
import java.net.URI;
import java.util.Map;

/**
 * The settings of {@code listen}, from the environment: FRAPPE_URL, FRAPPE_API_KEY and FRAPPE_API_SECRET
 * (required), FRAPPE_SITE (default: FRAPPE_URL's host), FRAPPE_SOCKETIO_URL (default: FRAPPE_URL's host on port
 * 9000, as in a bench).
 */
record ListenConfig(String siteUrl, String site, String socketIoUrl, String apiKey, String apiSecret) {

    static ListenConfig fromEnvironment(Map<String, String> env) {
        String siteUrl = required(env, "FRAPPE_URL");
        URI uri;
        try {
            uri = URI.create(siteUrl);
        } catch (IllegalArgumentException e) {
            throw new MissingSettingException("FRAPPE_URL", "is not a URL");
        }
        if (uri.getHost() == null) {
            throw new MissingSettingException("FRAPPE_URL", "must be an http or https URL with a host");
        }
        String site = optional(env, "FRAPPE_SITE", uri.getHost());
        String socketIoUrl = optional(env, "FRAPPE_SOCKETIO_URL", uri.getScheme() + "://" + uri.getHost() + ":9000");
        return new ListenConfig(siteUrl, site, socketIoUrl, required(env, "FRAPPE_API_KEY"),
                required(env, "FRAPPE_API_SECRET"));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new MissingSettingException(name, "is not set");
        }
        return value.strip();
    }

    private static String optional(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    @Override
    public String toString() {
        return "ListenConfig[siteUrl=" + siteUrl + ", site=" + site + ", socketIoUrl=" + socketIoUrl + ", apiKey="
                + apiKey + ", apiSecret=****]";
    }
}
