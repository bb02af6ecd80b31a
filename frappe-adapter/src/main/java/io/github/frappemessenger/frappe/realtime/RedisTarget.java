package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.internal.RedisUrls;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Where the emitter connects: a {@code redis://[user:password@]host[:port][/db]} (or {@code rediss://}) URI, as
 * a Frappe site config's {@code redis_queue}. {@link #toString()} never shows the password. Immutable.
 */
final class RedisTarget {
    private static final int DEFAULT_PORT = 6379;
    private final HostAndPort hostAndPort;
    private final JedisClientConfig config;
    private final String redacted;

    private RedisTarget(HostAndPort hostAndPort, JedisClientConfig config, String redacted) {
        this.hostAndPort = hostAndPort;
        this.config = config;
        this.redacted = redacted;
    }

    static RedisTarget parse(String uriText, Duration timeout, String clientName) {
        if (uriText == null || uriText.isBlank()) {
            throw new IllegalArgumentException("redis URI is blank");
        }
        URI uri;
        try {
            uri = new URI(uriText.strip());
        } catch (URISyntaxException e) {
            // The message of URISyntaxException quotes the input, password included: do not chain it.
            throw new IllegalArgumentException("not a redis URI: " + RedisUrls.redact(uriText));
        }
        String shown = RedisUrls.redact(uri);
        boolean ssl = "rediss".equals(uri.getScheme());
        if (!ssl && !"redis".equals(uri.getScheme())) {
            throw new IllegalArgumentException("redis URI must start with redis:// or rediss://, got " + shown);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("redis URI has no host: " + shown);
        }
        // Parsed here rather than by Jedis's URI helper, whose methods differ between Jedis 5, 6, 7 and 8: the
        // emitter must run on whichever Jedis a user's platform (e.g. Spring Boot's BOM) settles on.
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .clientName(clientName)
                .ssl(ssl);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("redis URI " + shown + ": write the credentials as user:password@ "
                        + "or :password@");
            }
            String user = decode(userInfo.substring(0, colon));
            String password = decode(userInfo.substring(colon + 1));
            if (!user.isEmpty()) {
                config.user(user);
            }
            config.password(password);
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                config.database(Integer.parseInt(path.substring(1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("redis URI " + shown + ": the path must be a database number");
            }
        }
        HostAndPort hostAndPort = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
        return new RedisTarget(hostAndPort, config.build(), shown);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Opens and authenticates a connection; throws a Jedis exception if Redis cannot be reached. */
    Connection connect() {
        return new Connection(hostAndPort, config);
    }

    /**
     * Opens and authenticates a connection as {@link #connect()} does, then hands its socket to a {@link RespPipe}
     * that PUBLISHes on {@code channel}; throws a Jedis exception if Redis cannot be reached.
     */
    RespPipe openPipe(byte[] channel) {
        SocketCapture capture = new SocketCapture(new DefaultJedisSocketFactory(hostAndPort, config));
        Connection connection = new Connection(capture, config);
        try {
            return new RespPipe(connection, capture.socket, channel);
        } catch (IOException e) {
            connection.close();
            throw new JedisConnectionException("cannot use the connection to " + redacted, e);
        }
    }

    /** Remembers the socket Jedis opens, so that the pipe can use it once Jedis has authenticated it. */
    private static final class SocketCapture implements JedisSocketFactory {
        private final JedisSocketFactory inner;
        private Socket socket;

        SocketCapture(JedisSocketFactory inner) {
            this.inner = inner;
        }

        @Override
        public Socket createSocket() {
            socket = inner.createSocket();
            return socket;
        }
    }

    @Override
    public String toString() {
        return redacted;
    }
}
