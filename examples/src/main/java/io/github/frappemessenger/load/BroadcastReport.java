package io.github.frappemessenger.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;

/** The table {@code broadcast} prints: one row per server and round, then serve's ratios to the relay per round. */
final class BroadcastReport {
    private BroadcastReport() {
    }

    static void print(PrintStream out, List<BroadcastCommand.Row> rows, int sockets, int rate, int seconds) {
        long deliveries = (long) sockets * rate * seconds;
        out.printf("broadcast: %d sockets, %d events/s for %d s (%,d deliveries per server and round), Redis PUBLISH in%n",
                sockets, rate, seconds, deliveries);
        out.printf("%-28s %5s %12s %9s %8s %8s %8s %10s %9s %11s%n", "server", "round", "received", "lost", "p50 ms",
                "p99 ms", "max ms", "server s", "us/deliv", "clients s");
        for (BroadcastCommand.Row row : rows) {
            JsonNode r = row.summary();
            double cpu = r.path("server_cpu_s").asDouble();
            long received = r.path("received").asLong();
            out.printf("%-28s %5d %12d %9d %8s %8s %8s %10.2f %9.2f %11.2f%n", row.server(), row.round(), received,
                    r.path("lost").asLong(), r.path("p50_ms").asText(), r.path("p99_ms").asText(),
                    r.path("max_ms").asText(), cpu, received == 0 ? 0.0 : cpu * 1e6 / received,
                    r.path("clients_cpu_s").asDouble());
        }
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            JsonNode serve = rows.get(i).summary();
            JsonNode relay = rows.get(i + 1).summary();
            out.printf("round %d, serve / Node relay: p50 %s, p99 %s, server CPU %s%n", rows.get(i).round(),
                    ratio(serve, relay, "p50_ms"), ratio(serve, relay, "p99_ms"), ratio(serve, relay, "server_cpu_s"));
        }
        rows.forEach(row -> out.println(row.server() + " round " + row.round() + " " + row.summary()));
        out.flush();
    }

    private static String ratio(JsonNode a, JsonNode b, String field) {
        double x = a.path(field).asDouble();
        double y = b.path(field).asDouble();
        return y > 0 ? String.format("%.2f", x / y) : "n/a";
    }
}
