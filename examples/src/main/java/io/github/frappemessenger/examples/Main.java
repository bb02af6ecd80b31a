package io.github.frappemessenger.examples;

import io.github.frappemessenger.load.LoadCommand;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar messenger-examples.jar <command> [options]}: the first argument picks the program. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(usage());
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        // One event per line can be hundreds of thousands of lines: buffer stdout instead of flushing each line.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        int code = switch (args[0]) {
            case "demo" -> new DemoCommand(System.in, out, System.err).run(rest);
            case "bridge" -> new BridgeCommand(System.getenv(), System.err).run(rest);
            case "listen" -> new ListenCommand(System.getenv(), out, System.err, new CountDownLatch(1)).run(rest);
            case "load" -> new LoadCommand(out, System.err).run(rest);
            case "bench" -> {
                // JMH's own command line (e.g. "bench LifecycleBenchmark -prof gc"); it exits by itself.
                org.openjdk.jmh.Main.main(rest);
                yield 0;
            }
            default -> {
                System.err.println("unknown command '" + args[0] + "'\n" + usage());
                yield 2;
            }
        };
        out.flush();
        System.exit(code);
    }

    static String usage() {
        return """
                usage: java -jar messenger-examples.jar <command> [options]
                  demo [--input FILE|-] [--inbox] [--redis URL --site NAME]
                                                   run the embedded messenger on JSON lines (or a built-in scenario);
                                                   with --redis, events also go to Frappe's Redis channel 'events'
                  bridge                           the webhook bridge (env: FRAPPE_URL, FRAPPE_API_KEY, FRAPPE_API_SECRET,
                                                   REDIS_URL, [FRAPPE_SITE, WEBHOOK_SECRET, BRIDGE_HOST, BRIDGE_PORT])
                  listen [--inbox]                 print the messenger events of a site's realtime server (env: FRAPPE_URL,
                                                   FRAPPE_API_KEY, FRAPPE_API_SECRET, [FRAPPE_SITE, FRAPPE_SOCKETIO_URL])
                  load [--quick] [--out FILE] [--relay-dir DIR] [--redis URL]
                                                   the load harness: emitter vs redis-benchmark and Python, webhook
                                                   bridge throughput and latency, publish-to-client latency (needs Redis)
                  bench [JMH options]              run the JMH benchmarks (LifecycleBenchmark, EventJsonBenchmark, InboxBenchmark)""";
    }
}
