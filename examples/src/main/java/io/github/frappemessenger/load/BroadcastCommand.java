package io.github.frappemessenger.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.frappemessenger.socketio.InMemoryEventHistory;
import io.github.frappemessenger.socketio.MessengerSocketServer;
import io.github.frappemessenger.socketio.RedisEventsRelay;
import io.github.frappemessenger.socketio.TokenAuthenticator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;

/**
 * {@code broadcast}: the JVM Socket.IO server beside the Node relay (our stand-in for Frappe's) under the same load
 * in the same run, in alternating rounds. For each, N sockets (socket.io-client 4 over websocket, in P Node
 * processes) join room {@code all}; Frappe-style messages are PUBLISHed on a Redis channel at R per second for S
 * seconds; each server relays them to every socket. Closed sockets reconnect; serve's resume from their position.
 * Reported: deliveries, lost, resumes, p50/p99 publish-to-socket latency, and the CPU seconds of the server's and
 * the clients' processes ({@link #HELP}).
 */
public final class BroadcastCommand {
    public static final String HELP = """
            usage: java -jar messenger-examples.jar broadcast [--sockets N] [--rate R] [--seconds S] [--rounds K]
                                                              [--client-processes P] [--network-threads T]
                                                              [--max-wait S] [--redis URL]

            serve's Socket.IO server (fed by its Redis relay) beside the Node test relay, one after the other, K
            rounds (default 1) in one run: N sockets each (default 1000, socket.io-client 4 over websocket, shared
            by P Node processes, default 2), R events per second (default 1000) for S seconds (default 3)
            PUBLISHed on a Redis channel as Frappe does. A socket that is closed reconnects; serve's resume
            from the position of the last event they heard, as the inbox page does (its history holds the whole
            run), the relay's cannot. Prints per server and round the deliveries, how many were lost, the resumes
            and the events they replayed, p50/p99 publish-to-socket latency and the CPU seconds the server and the
            clients used, then serve's ratios to the relay. Run it from the repository
            root (it needs examples/node and frappe-adapter/src/test/node/relay with npm ci done) with Redis on
            127.0.0.1:6379 (or --redis). serve's event loops: T (default: Netty's, twice the cores). Bounded: a part
            that has not heard everything S + max-wait (default 300) seconds after its first publish ends there, and
            what was not heard by then counts as lost (or 30 s after the last delivery with every socket connected,
            if that comes first).""";

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
        int rounds = 1;
        int maxWait = 300;
        int processes = 2;
        int networkThreads = 0;
        String redis = "redis://127.0.0.1:6379";
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--sockets" -> sockets = positive(require(v, args[i++]), "--sockets");
                case "--rate" -> rate = positive(require(v, args[i++]), "--rate");
                case "--seconds" -> seconds = positive(require(v, args[i++]), "--seconds");
                case "--rounds" -> rounds = positive(require(v, args[i++]), "--rounds");
                case "--max-wait" -> maxWait = positive(require(v, args[i++]), "--max-wait");
                case "--client-processes" -> processes = positive(require(v, args[i++]), "--client-processes");
                case "--network-threads" -> networkThreads = positive(require(v, args[i++]), "--network-threads");
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
        Load load = new Load(script, redis, sockets, rate, seconds, Duration.ofSeconds(maxWait), processes);
        List<Row> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String serveChannel = "bench:serve:" + UUID.randomUUID();
            // A history that holds the whole run, so that a socket closed at any time can resume (as the page does).
            try (MessengerSocketServer server = MessengerSocketServer.builder().site(SITE).port(0)
                    .authenticator(TokenAuthenticator.parse("agent@example.com=" + TOKEN))
                    .history(new InMemoryEventHistory(Math.max(10_000, rate * seconds), Duration.ofMinutes(30),
                            Clock.systemUTC()))
                    .networkThreads(networkThreads).build().start();
                 RedisEventsRelay relay = new RedisEventsRelay(server, redis, serveChannel).start()) {
                rows.add(new Row(SERVE, round, part(load, "http://127.0.0.1:" + server.port(), serveChannel,
                        ProcessHandle.current())));
            }
            String relayChannel = "bench:relay:" + UUID.randomUUID();
            try (RelayProcess relay = RelayProcess.start(relayDir, redis, relayChannel, TOKEN + "=agent@example.com",
                    Duration.ofSeconds(30))) {
                JsonNode r = part(load, relay.url(), relayChannel, relay.handle());
                ((ObjectNode) r).put("server_alive_at_end", relay.handle().isAlive());
                if (r.path("lost").asLong() > 0 || !relay.handle().isAlive()) {
                    err.println("broadcast: the relay's last output lines:\n" + relay.output());
                }
                rows.add(new Row(RELAY, round, r));
            }
        }
        BroadcastReport.print(out, rows, sockets, rate, seconds);
        return 0;
    }

    static final String SERVE = "serve (JVM, netty-socketio)";
    static final String RELAY = "Node relay (socket.io 4)";

    /** What every part of a run shares. */
    private record Load(Path script, String redis, int sockets, int rate, int seconds, Duration maxWait,
                        int clientProcesses) {
    }

    /**
     * One server's part in one round: the clients' merged summary with the CPU seconds the server's process used
     * from the first publish to the end ({@code server_cpu_s}) and the clients' since they were connected
     * ({@code clients_cpu_s}).
     */
    record Row(String server, int round, JsonNode summary) {
    }

    private JsonNode part(Load load, String url, String channel, ProcessHandle server) throws Exception {
        int events = load.rate() * load.seconds();
        List<BroadcastClients> clients = new ArrayList<>();
        try (Jedis jedis = new Jedis(java.net.URI.create(load.redis()))) {
            for (int i = 0; i < load.clientProcesses(); i++) {
                int share = load.sockets() / load.clientProcesses()
                        + (i < load.sockets() % load.clientProcesses() ? 1 : 0);
                clients.add(BroadcastClients.start(load.script(), url, "/" + SITE, TOKEN, SITE, share, events));
            }
            for (BroadcastClients c : clients) {
                if (!c.awaitReady(Duration.ofSeconds(240))) {
                    throw new IllegalStateException("the " + load.sockets() + " sockets did not connect to " + url);
                }
            }
            Thread.sleep(500);
            Duration serverCpu0 = cpu(server);
            long interval = 1_000_000_000L / load.rate();
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
            List<JsonNode> summaries = new ArrayList<>();
            long deadline = System.nanoTime() + load.maxWait().plusSeconds(load.seconds()).toNanos();
            for (BroadcastClients c : clients) {
                String summary;
                try {
                    summary = c.awaitSummary(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (TimeoutException e) {
                    c.askForSummary(); // out of time: what was heard so far, the rest counted as lost
                    summary = c.awaitSummary(Duration.ofSeconds(30));
                }
                if (summary == null) {
                    throw new IllegalStateException("the load clients of " + url + " ended without a summary");
                }
                summaries.add(mapper.readTree(summary));
            }
            ObjectNode r = BroadcastSummary.merge(mapper, summaries);
            r.put("server_cpu_s", seconds(cpu(server).minus(serverCpu0)));
            return r;
        } finally {
            clients.forEach(BroadcastClients::close);
        }
    }

    private static Duration cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 10.0) / 100.0;
    }

    private static int positive(String value, String option) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, was " + n);
        }
        return n;
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
