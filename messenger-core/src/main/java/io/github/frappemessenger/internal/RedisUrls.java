package io.github.frappemessenger.internal;

import java.net.URI;

/**
 * Redis URLs as logs and error texts may show them: the password replaced by {@code ***} (a user name without a
 * password is taken for a password, as Redis's {@code AUTH} does), the query dropped. Not part of the API.
 */
public final class RedisUrls {
    private RedisUrls() {
    }

    /**
     * {@code redis://user:***@host:port/db}. A URI without a host ({@code notaurl}, {@code localhost:6379}) is shown
     * as written, with everything before its last '@' hidden.
     */
    public static String redact(URI uri) {
        if (uri.getHost() == null) {
            String text = uri.toString();
            int at = text.lastIndexOf('@');
            return at < 0 ? text : "***" + text.substring(at);
        }
        String userInfo = uri.getRawUserInfo();
        String shownUser = userInfo == null ? ""
                : (userInfo.contains(":") ? userInfo.substring(0, userInfo.indexOf(':')) + ":***" : "***") + "@";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + shownUser + uri.getHost() + port + path;
    }

    /** Best effort for text that is not even a URI: hides everything between "//" and the last '@'. */
    public static String redact(String text) {
        String s = text.strip();
        int start = s.indexOf("//");
        int at = s.lastIndexOf('@');
        return start >= 0 && at > start ? s.substring(0, start + 2) + "***" + s.substring(at) : s;
    }
}
