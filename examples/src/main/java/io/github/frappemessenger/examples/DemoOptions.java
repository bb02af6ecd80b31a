package io.github.frappemessenger.examples;

/**
 * The options of {@code demo}: {@code --input FILE|-} (default: the built-in scenario), {@code --inbox}, and
 * {@code --redis URL --site NAME} to send the events through Frappe's Redis as well (both or neither).
 */
record DemoOptions(String input, boolean inbox, String redisUrl, String site) {

    static DemoOptions parse(String[] args) {
        String input = null;
        String redisUrl = null;
        String site = null;
        boolean inbox = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> input = value(args, ++i, "--input needs a file name or -");
                case "--redis" -> redisUrl = value(args, ++i, "--redis needs a URL, e.g. redis://127.0.0.1:6379");
                case "--site" -> site = value(args, ++i, "--site needs the site name (the Socket.IO namespace)");
                case "--inbox" -> inbox = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if ((redisUrl == null) != (site == null)) {
            throw new IllegalArgumentException("--redis and --site go together");
        }
        return new DemoOptions(input, inbox, redisUrl, site);
    }

    boolean toRedis() {
        return redisUrl != null;
    }

    private static String value(String[] args, int i, String problem) {
        if (i >= args.length) {
            throw new IllegalArgumentException(problem);
        }
        return args[i];
    }
}
