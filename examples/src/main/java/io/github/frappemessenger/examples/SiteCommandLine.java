package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.setup.SiteReport;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * What {@code setup} and {@code doctor} share: their options, their environment (every missing variable named in one
 * line), and how a report is printed. A user mistake is a {@link Mistake}: one line, exit code 2.
 */
final class SiteCommandLine {
    static final String DEFAULT_BRIDGE_URL = "http://127.0.0.1:8787";

    /** A user mistake: its message is the whole line to print. */
    static final class Mistake extends Exception {
        private static final long serialVersionUID = 1L;

        Mistake(String message) {
            super(message, null, false, false);
        }
    }

    private final String command;
    private final Map<String, String> env;

    SiteCommandLine(String command, Map<String, String> env) {
        this.command = command;
        this.env = env;
    }

    /** The value after an option ({@code --x VALUE} or {@code --x=VALUE}); advances {@code at}. */
    String value(String[] args, int[] at, String option) throws Mistake {
        String arg = args[at[0]];
        if (arg.startsWith(option + "=")) {
            return arg.substring(option.length() + 1);
        }
        if (at[0] + 1 >= args.length || args[at[0] + 1].startsWith("--")) {
            throw new Mistake(command + ": " + option + " needs a value; see " + command + " --help");
        }
        return args[++at[0]];
    }

    Mistake unknown(String arg) {
        return new Mistake(command + ": unknown option '" + Printable.of(arg) + "'; see " + command + " --help");
    }

    String httpUrl(String what, String text) throws Mistake {
        HttpUrl url = HttpUrl.parse(text.strip());
        if (url == null) {
            throw new Mistake(command + ": " + what + " must be an http or https URL, got '" + Printable.of(text) + "'");
        }
        return text.strip();
    }

    /** Fails with one line naming every variable of {@code names} that is not set. */
    void require(String... names) throws Mistake {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (get(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new Mistake(command + ": " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not set; see " + command + " --help");
        }
    }

    String get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    FrappeClient frappe() throws Mistake {
        String url = httpUrl("FRAPPE_URL", get("FRAPPE_URL"));
        return FrappeClient.builder().baseUrl(url).apiKey(get("FRAPPE_API_KEY")).apiSecret(get("FRAPPE_API_SECRET"))
                .build();
    }

    URI redisUrl() throws Mistake {
        String text = get("REDIS_URL");
        try {
            URI uri = URI.create(text);
            if (uri.getHost() != null && ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // the line below says it
        }
        throw new Mistake(command + ": REDIS_URL must be a redis:// or rediss:// URL with a host");
    }

    /** Prints one line per check and a closing line; returns the exit code: 0 when ready, 1 otherwise. */
    int print(SiteReport report, PrintStream out, String readyLine) {
        report.checks().forEach(c -> out.println(c.line()));
        if (report.ready()) {
            out.println(command + ": " + readyLine);
            return 0;
        }
        out.println(command + ": " + report.problems().size() + " of " + report.checks().size()
                + " items not ready (the lines marked not-ready or failed say what to do)");
        return 1;
    }
}
