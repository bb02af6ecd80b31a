package io.github.frappemessenger.serve;

import java.time.Duration;

/**
 * The options of {@code serve}: {@code --host} (127.0.0.1), {@code --port} (8080), {@code --site} (localhost),
 * {@code --db URL} (a JDBC URL; default: in memory), {@code --input FILE} (JSON lines played on start),
 * {@code --redis URL} (keep the event history in a Redis Stream), {@code --history-size N} (10000) and
 * {@code --history-age SECONDS} (600).
 */
public record ServeOptions(String host, int port, String site, String db, String input, String redis, int historySize,
                    Duration historyAge) {

    public static ServeOptions parse(String[] args) {
        String host = "127.0.0.1";
        int port = 8080;
        String site = "localhost";
        String db = null;
        String input = null;
        String redis = null;
        int historySize = 10_000;
        long historyAge = 600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i, "--host needs an address, e.g. 127.0.0.1");
                case "--port" -> port = number(value(args, ++i, "--port needs a number"), "--port", 0, 65535);
                case "--site" -> site = value(args, ++i, "--site needs the site name (the Socket.IO namespace)");
                case "--db" -> db = value(args, ++i, "--db needs a JDBC URL, e.g. jdbc:sqlite:messenger.db");
                case "--input" -> input = value(args, ++i, "--input needs a file of JSON lines");
                case "--redis" -> redis = value(args, ++i, "--redis needs a URL, e.g. redis://127.0.0.1:6379");
                case "--history-size" -> historySize = number(value(args, ++i, "--history-size needs a number"),
                        "--history-size", 1, 10_000_000);
                case "--history-age" -> historyAge = number(value(args, ++i, "--history-age needs seconds"),
                        "--history-age", 1, 86_400 * 7);
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (site.isBlank() || site.contains("/")) {
            throw new IllegalArgumentException("--site must be a site name such as crm.example.com");
        }
        return new ServeOptions(host, port, site, db, input, redis, historySize, Duration.ofSeconds(historyAge));
    }

    boolean loopback() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    private static String value(String[] args, int i, String problem) {
        if (i >= args.length) {
            throw new IllegalArgumentException(problem);
        }
        return args[i];
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + text + "'");
        }
    }
}
