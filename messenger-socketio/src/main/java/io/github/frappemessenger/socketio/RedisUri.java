package io.github.frappemessenger.socketio;

import java.net.URI;
import java.net.URISyntaxException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.util.JedisURIHelper;

/** A {@code redis://[user:password@]host[:port][/db]} URI; {@link #toString()} hides the password. */
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
        String shown = uri.getScheme() + "://" + (uri.getUserInfo() == null ? "" : "***@") + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getPath() == null ? "" : uri.getPath());
        if (!JedisURIHelper.isRedisScheme(uri) && !JedisURIHelper.isRedisSSLScheme(uri) || uri.getHost() == null) {
            throw new IllegalArgumentException("redis URI must be redis://host[:port][/db] or rediss://..., got "
                    + shown);
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000).socketTimeoutMillis(5_000).clientName(clientName)
                .ssl(JedisURIHelper.isRedisSSLScheme(uri));
        if (uri.getUserInfo() != null) {
            config.user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri));
        }
        if (JedisURIHelper.hasDbIndex(uri)) {
            config.database(JedisURIHelper.getDBIndex(uri));
        }
        return new RedisUri(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
                config.build(), shown);
    }

    @Override
    public String toString() {
        return shown;
    }
}
