package consumer;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.frappe.realtime.FrappeRealtimeClient;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * What a project that depends on frappe-adapter does first: publish a messenger event through RedisRealtimeEmitter to
 * a real Redis (read back by a plain Jedis subscriber), and build the REST and Socket.IO clients on OkHttp. Exits 0
 * and prints one line with the library versions it ran on, or throws.
 */
public final class ConsumerCheck {
    public static void main(String[] args) throws Exception {
        URI redis = URI.create(args.length > 0 ? args[0] : "redis://127.0.0.1:6379");
        String channel = "consumer-check-" + UUID.randomUUID();
        String site = "consumer.example.test";

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        CountDownLatch subscribed = new CountDownLatch(1);
        JedisPubSub subscriber = new JedisPubSub() {
            @Override
            public void onSubscribe(String name, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String name, String message) {
                received.add(message);
                unsubscribe();
            }
        };
        Thread listener = new Thread(() -> {
            try (Jedis jedis = new Jedis(redis.getHost(), redis.getPort())) {
                jedis.subscribe(subscriber, channel);
            }
        }, "consumer-subscriber");
        listener.setDaemon(true);
        listener.start();
        require(subscribed.await(20, TimeUnit.SECONDS), "could not subscribe to Redis at " + redis);

        RedisRealtimeEmitter emitter = RedisRealtimeEmitter.builder().redisUri(redis.toString()).siteName(site)
                .channel(channel).build();
        emitter.publish(RealtimeEvent.toAll(new UnreadUpdate("CONV-0001", 2)));
        require(emitter.flush(Duration.ofSeconds(20)), "the emitter could not flush to " + redis);
        emitter.close();
        String message = received.poll(20, TimeUnit.SECONDS);
        require(message != null, "nothing arrived on " + channel);
        require(message.contains("\"messenger:unread_update\"") && message.contains("\"" + site + "\"")
                && message.contains("\"unread_count\":2"), "unexpected message: " + message);

        // The REST client really calls (a closed port: it must fail as Frappe being away, not as a linkage error).
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FrappeClient rest = FrappeClient.builder().baseUrl("http://127.0.0.1:" + closedPort).apiKey("k")
                .apiSecret("s").connectTimeout(Duration.ofSeconds(1)).build();
        try {
            rest.callMethod("frappe.ping", Map.of());
            throw new IllegalStateException("a closed port answered");
        } catch (FrappeException expected) {
            // Frappe unavailable: the OkHttp call ran
        }
        try (FrappeRealtimeClient socket = FrappeRealtimeClient.builder().siteUrl("http://127.0.0.1:" + closedPort)
                .apiToken("k", "s").okHttpClient(rest.okHttpClient()).build()) {
            require(!socket.isConnected(), "not connected before connect()");
        }
        rest.okHttpClient().dispatcher().executorService().shutdown();

        System.out.println("consumer check passed: event published and read back; jedis "
                + version("redis.clients", "jedis") + ", okhttp from " + jarOf(OkHttpClient.class)
                + ", jackson-databind " + version("com.fasterxml.jackson.core", "jackson-databind"));
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    private static String version(String group, String artifact) throws Exception {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ConsumerCheck.class.getResourceAsStream(path)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    private static String jarOf(Class<?> type) {
        String location = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
