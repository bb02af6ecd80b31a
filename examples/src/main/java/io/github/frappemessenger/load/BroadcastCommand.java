package io.github.frappemessenger.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.socketio.MessengerSocketServer;
import io.github.frappemessenger.socketio.RedisEventsRelay;
import io.github.frappemessenger.socketio.TokenAuthenticator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;

/**
 * {@code broadcast [--sockets N] [--rate R] [--seconds S] [--redis URL]}: the JVM Socket.IO server beside the Node
 * relay (our stand-in for Frappe's) under the same load in the same run. For each, N sockets (one Node process,
 * websocket) join room {@code all}; Frappe-style messages are PUBLISHed on a Redis channel at R per second for S
 * seconds; each server relays them to every socket. Reported: deliveries, lost, p50/p99 publish-to-socket latency.
 */
public final class BroadcastCommand {
    public static final String HELP = """
            usage: java -jar messenger-examples.jar broadcast [--sockets N] [--rate R] [--seconds S] [--redis URL]

            serve's Socket.IO server (fed by its Redis relay) beside the Node test relay, one after the other in one
            run: N sockets each (default 1000, one Node process, websocket), R events per second (default 1000) for
            S seconds (default 3) PUBLISHed on a Redis channel as Frappe does; prints per server the deliveries, how
            many were lost, and p50/p99 publish-to-socket latency, then serve's ratio to the relay. Run it from the
            repository root (it needs examples/node and frappe-adapter/src/test/node/relay with npm ci done) with
            Redis on 127.0.0.1:6379 (or --redis). Bounded: each server's part ends 10 s after the last delivery.""";
    private static final String SITE = "bench.local";
    private static final String TOKEN = "k:s";

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper mapper = new ObjectMapper();

    public BroadcastCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) throws Exception {
        int sockets = 1000;
        int rate = 1000;
        int seconds = 3;
        String redis = "redis://127.0.0.1:6379";
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--sockets" -> sockets = Integer.parseInt(require(v, args[i++]));
                case "--rate" -> rate = Integer.parseInt(require(v, args[i++]));
                case "--seconds" -> seconds = Integer.parseInt(require(v, args[i++]));
                case "--redis" -> redis = require(v, args[i++]);
                default -> {
                    err.println("broadcast: unknown option '" + args[i] + "'");
                    return 2;
                }
            }
        }
        Path script = RepoFiles.find(BroadcastClients.SCRIPT).orElse(null);
        if (script == null || !Files.isDirectory(script.getParent().getParent().resolve("node_modules/socket.io-client"))) {
            err.println("broadcast: " + BroadcastClients.SCRIPT + " or its node_modules not found; run from the "
                    + "repository root after npm ci in examples/node");
            return 1;
        }
        Path relayDir = RelayProcess.locate(null);
        Map<String, JsonNode> results = new LinkedHashMap<>();
        String serveChannel = "bench:serve:" + UUID.randomUUID();
        try (MessengerSocketServer server = MessengerSocketServer.builder().site(SITE).port(0)
                .authenticator(TokenAuthenticator.parse("agent@example.com=" + TOKEN)).build().start();
             RedisEventsRelay relay = new RedisEventsRelay(server, redis, serveChannel).start()) {
            results.put("serve (JVM, netty-socketio)", part("http://127.0.0.1:" + server.port(), redis, serveChannel,
                    script, sockets, rate, seconds));
        }
        String relayChannel = "bench:relay:" + UUID.randomUUID();
        try (RelayProcess relay = RelayProcess.start(relayDir, redis, relayChannel, TOKEN + "=agent@example.com",
                Duration.ofSeconds(30))) {
            results.put("Node relay (socket.io 4)", part(relay.url(), redis, relayChannel, script, sockets, rate,
                    seconds));
        }
        print(results, sockets, rate, seconds);
        return 0;
    }

    private JsonNode part(String url, String redis, String channel, Path script, int sockets, int rate, int seconds)
            throws Exception {
        int events = rate * seconds;
        try (BroadcastClients clients = BroadcastClients.start(script, url, "/" + SITE, TOKEN, SITE, sockets, events);
             Jedis jedis = new Jedis(java.net.URI.create(redis))) {
            if (!clients.awaitReady(Duration.ofSeconds(240))) {
                throw new IllegalStateException("the " + sockets + " sockets did not connect to " + url);
            }
            Thread.sleep(500);
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                jedis.publish(channel, "{\"event\":\"bench:tick\",\"message\":{\"seq\":" + i + ",\"t\":"
                        + System.currentTimeMillis() + "},\"room\":\"all\",\"namespace\":\"" + SITE + "\"}");
            }
            String summary = clients.awaitSummary(Duration.ofSeconds(seconds + 120L));
            if (summary == null) {
                throw new IllegalStateException("the load clients of " + url + " ended without a summary");
            }
            return mapper.readTree(summary);
        }
    }

    private void print(Map<String, JsonNode> results, int sockets, int rate, int seconds) {
        out.printf("broadcast: %d sockets, %d events/s for %d s (%d deliveries per server), Redis PUBLISH in%n",
                sockets, rate, seconds, (long) sockets * rate * seconds);
        out.printf("%-30s %12s %10s %8s %8s %8s%n", "server", "received", "lost", "p50 ms", "p99 ms", "max ms");
        results.forEach((name, r) -> out.printf("%-30s %12d %10d %8s %8s %8s%n", name, r.path("received").asLong(),
                r.path("lost").asLong(), r.path("p50_ms").asText(), r.path("p99_ms").asText(), r.path("max_ms").asText()));
        JsonNode[] r = results.values().toArray(new JsonNode[0]);
        if (r.length == 2 && r[1].path("p50_ms").asDouble() > 0 && r[1].path("p99_ms").asDouble() > 0) {
            out.printf("ratio serve / Node relay: p50 %.2f, p99 %.2f%n",
                    r[0].path("p50_ms").asDouble() / r[1].path("p50_ms").asDouble(),
                    r[0].path("p99_ms").asDouble() / r[1].path("p99_ms").asDouble());
        }
        out.println(results);
        out.flush();
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
