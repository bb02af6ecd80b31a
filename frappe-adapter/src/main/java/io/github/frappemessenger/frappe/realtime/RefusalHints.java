package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.internal.LogSafe;
import java.net.URI;

/**
 * Turns a refusal by Frappe's realtime server into one sentence with the fix (docs/protocol.md, "Connecting to the
 * realtime server"). The server's checks, in its order: the namespace is the site it resolved, the Origin's host is
 * the Host's, a Cookie header is there, then the credentials. Immutable.
 */
final class RefusalHints {
    private final String siteHost;
    private final String socketHost;
    private final String socketOrigin;
    private final String site;

    RefusalHints(URI siteUrl, URI socketUri, String site) {
        this.siteHost = siteUrl.getHost();
        this.socketHost = socketUri.getHost();
        this.socketOrigin = FrappeSocketOptions.origin(socketUri);
        this.site = site;
    }

    /** The refusal with its explanation and fix; the server's words (made printable) when it is not a known one. */
    String explain(String refusal) {
        String hint = hint(refusal);
        String shown = LogSafe.of(refusal.length() > 200 ? refusal.substring(0, 200) + "..." : refusal);
        return hint == null ? shown : shown + ": " + hint;
    }

    private String hint(String refusal) {
        if (refusal.startsWith("Invalid origin")) {
            if (!siteHost.equalsIgnoreCase(socketHost)) {
                return "the server requires the Origin's host (" + siteHost + ", from the site URL) to be the host it "
                        + "is reached at (" + socketHost + "); use one name for both, e.g. both localhost or both "
                        + "127.0.0.1: set socketIoUrl (FRAPPE_SOCKETIO_URL) to " + socketOrigin.replace(socketHost,
                        siteHost) + " or the site URL (FRAPPE_URL) to the host of " + socketOrigin;
            }
            return "the Origin (" + siteHost + ") and the Host the server saw differ: a proxy in front of "
                    + socketOrigin + " rewrites the Host header; it must pass the site's host";
        }
        if (refusal.startsWith("Invalid namespace")) {
            return "the server resolved another site than '" + site + "' (from the X-Frappe-Site-Name header, else "
                    + "for localhost the bench's default site, else the Origin's host); set siteName (FRAPPE_SITE) to "
                    + "the site's folder name under sites/ (behind nginx, the name nginx passes as "
                    + "X-Frappe-Site-Name)";
        }
        if (refusal.startsWith("No cookie")) {
            return "a proxy in front of " + socketOrigin + " drops the Cookie header this client sends";
        }
        if (refusal.startsWith("No sid")) {
            return "this realtime server accepts only a session cookie: give the client a session's sid";
        }
        if (refusal.contains("Unauthorized") || refusal.contains("401") || refusal.contains("403")) {
            return "the site did not accept the credentials: check the API key and secret (FRAPPE_API_KEY, "
                    + "FRAPPE_API_SECRET) or the sid, and that the user is enabled";
        }
        return null;
    }
}
