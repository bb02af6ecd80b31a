package io.github.frappemessenger.examples;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The options of {@code demo}: {@code --input FILE|-} (default: the built-in scenario), {@code --inbox}, and
 * {@code --redis URL --site NAME} to send the events through Frappe's Redis as well (both or neither), and
 * {@code --db URL} to keep the inbox in a database (jdbc:postgresql://..., jdbc:mariadb://..., jdbc:sqlite:FILE).
 */
record DemoOptions(String input, boolean inbox, String redisUrl, String site, String db) {

    /** Reads the command line; throws {@link UsageException} naming a bad or incomplete option. */
    static DemoOptions parse(String[] args) {
        String input = null;
        String redisUrl = null;
        String site = null;
        String db = null;
        boolean inbox = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> input = value(args, ++i, "--input needs a file name or -");
                case "--redis" -> redisUrl = value(args, ++i, "--redis needs a URL, e.g. redis://127.0.0.1:6379");
                case "--site" -> site = value(args, ++i, "--site needs the site name (the Socket.IO namespace)");
                case "--inbox" -> inbox = true;
                case "--db" -> db = value(args, ++i, "--db needs a JDBC URL, e.g. jdbc:sqlite:messenger.db");
                default -> throw new UsageException("unknown option '" + Printable.of(args[i]) + "' (see demo --help)");
            }
        }
        if ((redisUrl == null) != (site == null)) {
            throw new UsageException("--redis and --site go together");
        }
        if (redisUrl != null) {
            checkRedisUrl(redisUrl);
        }
        if (site != null && site.isBlank()) {
            throw new UsageException("--site needs the site name (the Socket.IO namespace)");
        }
        return new DemoOptions(input, inbox, redisUrl, site, db);
    }

    boolean toRedis() {
        return redisUrl != null;
    }

    private static void checkRedisUrl(String text) {
        String problem = "--redis needs a URL like redis://127.0.0.1:6379 (or rediss://), got '";
        try {
            URI uri = new URI(text.strip());
            if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below, without the parser's wording
        }
        // Never echo a password: show only what comes before any '@'.
        String shown = text.contains("@") ? "***" + text.substring(text.lastIndexOf('@')) : text;
        throw new UsageException(problem + Printable.of(shown) + "'");
    }

    private static String value(String[] args, int i, String problem) {
        if (i >= args.length) {
            throw new UsageException(problem);
        }
        return args[i];
    }
}
