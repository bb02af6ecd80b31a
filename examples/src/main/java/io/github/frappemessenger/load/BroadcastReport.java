package io.github.frappemessenger.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;

/**
 * The table {@code broadcast} prints: one row per server and round (delivered, lost, sockets resumed and the events
 * their resumes replayed, latency, CPU), then serve's ratios to the relay per round.
 */
final class BroadcastReport {
    private BroadcastReport() {
    }

    static void print(PrintStream out, List<BroadcastCommand.Row> rows, int sockets, int rate, int seconds) {
        long deliveries = (long) sockets * rate * seconds;
        out.printf("broadcast: %d sockets, %d events/s for %d s (%,d deliveries per server and round), Redis PUBLISH in%n",
                sockets, rate, seconds, deliveries);
        out.printf("%-28s %5s %12s %9s %8s %10s %8s %8s %8s %10s %9s %11s%n", "server", "round", "received", "lost",
                "resumed", "replayed", "p50 ms", "p99 ms", "max ms", "server s", "us/deliv", "clients s");
        for (BroadcastCommand.Row row : rows) {
            JsonNode r = row.summary();
            out.printf("%-28s %5d %12d %9d %8d %10d %8s %8s %8s %10.2f %9.2f %11.2f%n", row.server(), row.round(),
                    r.path("received").asLong(), r.path("lost").asLong(), r.path("resumes_recovered").asLong(),
                    r.path("replayed").asLong(), r.path("p50_ms").asText(), r.path("p99_ms").asText(),
                    r.path("max_ms").asText(), r.path("server_cpu_s").asDouble(), microsPerDelivery(r),
                    r.path("clients_cpu_s").asDouble());
        }
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            JsonNode serve = rows.get(i).summary();
            JsonNode relay = rows.get(i + 1).summary();
            out.printf("round %d, serve / Node relay: delivered %s, lost %d / %d, p50 %s, p99 %s, CPU per delivery %s%n",
                    rows.get(i).round(), ratio(serve.path("received").asDouble(), relay.path("received").asDouble()),
                    serve.path("lost").asLong(), relay.path("lost").asLong(),
                    ratio(serve.path("p50_ms").asDouble(), relay.path("p50_ms").asDouble()),
                    ratio(serve.path("p99_ms").asDouble(), relay.path("p99_ms").asDouble()),
                    ratio(microsPerDelivery(serve), microsPerDelivery(relay)));
        }
        rows.forEach(row -> out.println(row.server() + " round " + row.round() + " " + row.summary()));
        out.flush();
    }

    /** The server's CPU microseconds per delivery heard (0 when none was heard). */
    static double microsPerDelivery(JsonNode r) {
        long received = r.path("received").asLong();
        return received == 0 ? 0.0 : r.path("server_cpu_s").asDouble() * 1e6 / received;
    }

    private static String ratio(double x, double y) {
        return y > 0 ? String.format("%.2f", x / y) : "n/a";
    }
}
