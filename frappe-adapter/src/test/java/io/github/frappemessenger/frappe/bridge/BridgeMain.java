package io.github.frappemessenger.frappe.bridge;

/**
 * The bridge as its own process, for tests that kill it: started from the environment like {@code java -jar ...
 * bridge}, it prints {@code BRIDGE-LISTENING <port>} once it listens and runs until killed.
 */
public final class BridgeMain {
    private BridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        MessengerBridge bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(System.getenv()));
        System.out.println("BRIDGE-LISTENING " + bridge.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
