package io.github.frappemessenger.load;

import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The Redis of a run, as a URL for our own clients and as host and port for redis-benchmark. Only plain
 * {@code redis://host:port} is supported: the harness runs against a local Redis. Immutable.
 */
public record RedisAddress(String url, String host, int port) {

    public static RedisAddress parse(String url) {
        URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--redis must be redis://host[:port], got " + url);
        }
        return new RedisAddress(url, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    /** A fresh connection; the caller closes it. */
    public Jedis connect() {
        return new Jedis(new HostAndPort(host, port),
                DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).build());
    }
}
