package io.github.frappemessenger.socketio;

import io.github.frappemessenger.internal.RedisUrls;
import java.net.URI;
import java.net.URISyntaxException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * A {@code redis://[user:password@]host[:port][/db]} (or {@code rediss://}) URI; {@link #toString()} hides the
 * password. Parsed here rather than with Jedis's URI helper, whose methods differ between the Jedis versions that
 * users' dependency managers pick.
 */
record RedisUri(HostAndPort address, JedisClientConfig config, String shown) {

    static RedisUri parse(String text, String clientName) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("redis URI is blank");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a redis URI (it must look like redis://host:6379)");
        }
        String shown = RedisUrls.redact(uri);
        boolean tls = "rediss".equalsIgnoreCase(uri.getScheme());
        if (!(tls || "redis".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("redis URI must be redis://host[:port][/db] or rediss://..., got "
                    + shown);
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000).socketTimeoutMillis(5_000).clientName(clientName)
                .ssl(tls);
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                config.password(userInfo);
            } else {
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(userInfo.substring(colon + 1));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                config.database(Integer.parseInt(path.substring(1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("redis URI " + shown + ": the path must be a database number");
            }
        }
        return new RedisUri(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
                config.build(), shown);
    }

    @Override
    public String toString() {
        return shown;
    }
}
