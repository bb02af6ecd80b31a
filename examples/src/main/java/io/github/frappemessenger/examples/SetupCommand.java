package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.setup.SiteReport;
import io.github.frappemessenger.frappe.setup.SiteSetup;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code setup [--check] [--bridge-url URL]}: makes a Frappe site ready for the bridge over REST
 * ({@link SiteSetup}), or with {@code --check} only says what is ready. Exit 0 ready, 1 not ready, 2 a user mistake.
 */
final class SetupCommand {
    static final String USAGE = """
            usage: java -jar messenger-examples.jar setup [--check] [--bridge-url URL]
              Makes a Frappe site ready for the messenger bridge over its REST API, and creates only what is missing:
              the role Messenger Agent; the DocTypes Messenger Message, Messenger Conversation, Messenger Settings
              (a Single) and those they link to, as custom DocTypes; the status Open and the platforms Messenger and
              Instagram; one enabled, signed Webhook per doc event the bridge handles. An existing DocType or Webhook
              is never changed: each missing field or wrong setting is reported. Then checks the API user's rights.
              A second run creates nothing. Prints one line per item. Exit 0 when everything is ready, 1 when not.
              --check            change nothing; print ready / not-ready per item
              --bridge-url URL   the bridge as the Frappe site reaches it (default %s); the Webhooks post to
                                 URL/webhooks/frappe/<doc event>
              env: FRAPPE_URL, FRAPPE_API_KEY, FRAPPE_API_SECRET (a System Manager's token),
                   WEBHOOK_SECRET (the bridge's; not needed with --check)
              See docs/frappe-site.md.""".formatted(SiteCommandLine.DEFAULT_BRIDGE_URL);

    private final SiteCommandLine line;
    private final PrintStream out;
    private final PrintStream err;

    SetupCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.line = new SiteCommandLine("setup", env);
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        boolean check = false;
        String bridgeUrl = SiteCommandLine.DEFAULT_BRIDGE_URL;
        FrappeClient frappe;
        SiteSetup setup;
        try {
            int[] at = {0};
            for (; at[0] < args.length; at[0]++) {
                String arg = args[at[0]];
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                } else if (arg.equals("--check")) {
                    check = true;
                } else if (arg.startsWith("--bridge-url")) {
                    bridgeUrl = line.httpUrl("--bridge-url", line.value(args, at, "--bridge-url"));
                } else {
                    throw line.unknown(arg);
                }
            }
            if (check) {
                line.require("FRAPPE_URL", "FRAPPE_API_KEY", "FRAPPE_API_SECRET");
            } else {
                line.require("FRAPPE_URL", "FRAPPE_API_KEY", "FRAPPE_API_SECRET", "WEBHOOK_SECRET");
            }
            frappe = line.frappe();
            SiteSetup.Builder builder = SiteSetup.builder(frappe).bridgeUrl(bridgeUrl);
            if (!check) {
                builder.webhookSecret(line.get("WEBHOOK_SECRET"));
            }
            setup = builder.build();
        } catch (SiteCommandLine.Mistake e) {
            err.println(e.getMessage());
            return 2;
        }
        out.println("setup: " + frappe.baseUrl() + ", bridge at " + bridgeUrl + (check ? " (checking only)" : ""));
        SiteReport report = check ? setup.check() : setup.run();
        return line.print(report, out, check ? "everything is ready" : "the site is ready for the bridge");
    }
}
