package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.internal.bridge.EnvironmentSettings;
import java.net.URI;
import java.util.Map;

/**
 * The settings of {@code listen}, from the environment: FRAPPE_URL, FRAPPE_API_KEY and FRAPPE_API_SECRET
 * (required), FRAPPE_SITE (default: FRAPPE_URL's host), FRAPPE_SOCKETIO_URL (default: FRAPPE_URL itself, where a
 * production site's nginx serves Socket.IO; a development bench serves it on port 9000 instead).
 */
record ListenConfig(String siteUrl, String site, String socketIoUrl, String apiKey, String apiSecret) {

    /** @throws io.github.frappemessenger.frappe.bridge.MissingSettingException naming every problem at once */
    static ListenConfig fromEnvironment(Map<String, String> env) {
        EnvironmentSettings settings = new EnvironmentSettings(env);
        URI siteUrl = settings.url("FRAPPE_URL", "http", "https");
        String apiKey = settings.required("FRAPPE_API_KEY");
        String apiSecret = settings.required("FRAPPE_API_SECRET");
        URI socketIoUrl = settings.optionalUrl("FRAPPE_SOCKETIO_URL", "http", "https").orElse(siteUrl);
        String site = settings.optional("FRAPPE_SITE").orElse(null);
        settings.check();
        return new ListenConfig(siteUrl.toString(), site == null ? siteUrl.getHost() : site, socketIoUrl.toString(),
                apiKey, apiSecret);
    }

    @Override
    public String toString() {
        return "ListenConfig[siteUrl=" + siteUrl + ", site=" + site + ", socketIoUrl=" + socketIoUrl + ", apiKey="
                + apiKey + ", apiSecret=****]";
    }
}
