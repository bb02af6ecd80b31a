package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.bridge.BridgeConfig;
import io.github.frappemessenger.frappe.bridge.MessengerBridge;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bridge}: the webhook bridge, configured by environment variables (see {@link BridgeConfig}). Runs until
 * the process is stopped; missing variables, or a port that is taken, stop start-up with one line.
 */
final class BridgeCommand {
    static final String HELP = """
            usage: java -jar messenger-examples.jar bridge

            The webhook bridge: a Frappe site's Webhooks (one per doc event) POST to
            http://BRIDGE_HOST:BRIDGE_PORT/webhooks/frappe/<doc event>; the bridge runs the messenger against the
            site's REST API and publishes the realtime events into the site's Redis. GET /health reports each part.
            Runs until stopped (Ctrl-C).

            environment:
              FRAPPE_URL          the site, e.g. https://crm.example.com (required)
              FRAPPE_API_KEY      API key and secret of the user the bridge acts as (required)
              FRAPPE_API_SECRET
              REDIS_URL           the site's redis_queue, e.g. redis://127.0.0.1:11000 (required)
              WEBHOOK_SECRET      the Webhooks' secret; each request's signature is checked (required)
              BRIDGE_INSECURE     1: run without WEBHOOK_SECRET on purpose, accepting unsigned requests
              FRAPPE_SITE         the site name, the Socket.IO namespace (default: FRAPPE_URL's host)
              BRIDGE_HOST         where to listen (default 127.0.0.1)
              BRIDGE_PORT         (default 8787; 0 picks a free port)

            Exit codes: 0 stopped, 2 a usage mistake (an option given, missing or unusable variables, the port
            taken).""";

    private final Map<String, String> env;
    private final PrintStream err;

    BridgeCommand(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    int run(String[] args) throws Exception {
        if (args.length > 0) {
            throw new UsageException("takes no options ('" + Printable.of(args[0])
                    + "'); it is configured by environment variables (see bridge --help)");
        }
        BridgeConfig config = BridgeConfig.fromEnvironment(env);
        MessengerBridge bridge;
        try {
            bridge = MessengerBridge.start(config);
        } catch (IOException e) {
            if (isBindFailure(e)) {
                throw new UsageException("cannot listen on " + config.host() + ":" + config.port()
                        + ": the address is in use or not this machine's; set BRIDGE_HOST / BRIDGE_PORT");
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            stopped.countDown();
        }, "bridge-shutdown"));
        stopped.await();
        return 0;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
