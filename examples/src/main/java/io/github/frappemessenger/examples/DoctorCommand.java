package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.setup.SiteDoctor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * {@code doctor [--bridge-url URL] [--timeout SECONDS]}: proves the whole path on a live site ({@link SiteDoctor}).
 * Exit 0 when every check passes, 1 when one does not, 2 on a user mistake.
 */
final class DoctorCommand {
    static final String USAGE = """
            usage: java -jar messenger-examples.jar doctor [--bridge-url URL] [--timeout SECONDS]
              Proves the whole path on a live site, one line per check: REST auth, the DocTypes, the Webhooks
              (enabled, URL, signed), the API user's rights, the bridge's /health, Redis, the realtime server (with
              the JVM client's headers), and a probe: a test message saved over REST that must come back as
              messenger events on Redis, each once (twice means the site's own messenger hooks still run beside the
              bridge). The probe's message and conversation are deleted afterwards. Exit 0 only when all pass.
              --bridge-url URL     the bridge as the Frappe site reaches it (default %s)
              --timeout SECONDS    how long the probe and each connection wait (default 10)
              env: FRAPPE_URL, FRAPPE_API_KEY, FRAPPE_API_SECRET, REDIS_URL (the site's redis_queue),
                   [FRAPPE_SITE (default FRAPPE_URL's host), FRAPPE_SOCKETIO_URL]
              See docs/frappe-site.md.""".formatted(SiteCommandLine.DEFAULT_BRIDGE_URL);

    private final SiteCommandLine line;
    private final PrintStream out;
    private final PrintStream err;

    DoctorCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.line = new SiteCommandLine("doctor", env);
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws InterruptedException {
        SiteDoctor doctor;
        String bridgeUrl = SiteCommandLine.DEFAULT_BRIDGE_URL;
        FrappeClient frappe;
        try {
            Duration timeout = Duration.ofSeconds(10);
            int[] at = {0};
            for (; at[0] < args.length; at[0]++) {
                String arg = args[at[0]];
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                } else if (arg.startsWith("--bridge-url")) {
                    bridgeUrl = line.httpUrl("--bridge-url", line.value(args, at, "--bridge-url"));
                } else if (arg.startsWith("--timeout")) {
                    timeout = seconds(line.value(args, at, "--timeout"));
                } else {
                    throw line.unknown(arg);
                }
            }
            line.require("FRAPPE_URL", "FRAPPE_API_KEY", "FRAPPE_API_SECRET", "REDIS_URL");
            frappe = line.frappe();
            String site = line.get("FRAPPE_SITE") != null ? line.get("FRAPPE_SITE") : frappe.baseUrl().host();
            String socketIo = line.get("FRAPPE_SOCKETIO_URL");
            if (socketIo != null) {
                line.httpUrl("FRAPPE_SOCKETIO_URL", socketIo);
            }
            doctor = SiteDoctor.builder(frappe).bridgeUrl(bridgeUrl).redisUrl(line.redisUrl()).timeout(timeout)
                    .realtime(line.get("FRAPPE_URL"), socketIo, site, line.get("FRAPPE_API_KEY"),
                            line.get("FRAPPE_API_SECRET"))
                    .build();
        } catch (SiteCommandLine.Mistake e) {
            err.println(e.getMessage());
            return 2;
        }
        out.println("doctor: " + frappe.baseUrl() + ", bridge at " + bridgeUrl);
        return line.print(doctor.run(), out, "every check passed");
    }

    private Duration seconds(String text) throws SiteCommandLine.Mistake {
        try {
            int s = Integer.parseInt(text.strip());
            if (s > 0 && s <= 600) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new SiteCommandLine.Mistake("doctor: --timeout must be a number of seconds from 1 to 600, got '"
                + Printable.of(text) + "'");
    }
}
