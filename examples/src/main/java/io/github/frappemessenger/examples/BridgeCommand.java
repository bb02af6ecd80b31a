package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.bridge.BridgeConfig;
import io.github.frappemessenger.frappe.bridge.MessengerBridge;
import io.github.frappemessenger.frappe.bridge.MissingSettingException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bridge}: the webhook bridge, configured by environment variables (see {@link BridgeConfig}). Runs until
 * the process is stopped; a missing variable stops start-up with one line naming it.
 */
final class BridgeCommand {
    private final Map<String, String> env;
    private final PrintStream err;

    BridgeCommand(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    int run(String[] args) throws Exception {
        if (args.length > 0) {
            err.println("bridge: takes no options; it is configured by environment variables");
            return 2;
        }
        BridgeConfig config;
        try {
            config = BridgeConfig.fromEnvironment(env);
        } catch (MissingSettingException e) {
            err.println("bridge: " + e.getMessage());
            return 2;
        }
        MessengerBridge bridge = MessengerBridge.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            stopped.countDown();
        }, "bridge-shutdown"));
        stopped.await();
        return 0;
    }
}
