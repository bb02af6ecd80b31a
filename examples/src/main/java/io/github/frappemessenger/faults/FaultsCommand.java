package io.github.frappemessenger.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.load.Machine;
import io.github.frappemessenger.load.RedisAddress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code faults [--quick] [--out FILE] [--only NAME,...]}: the fault table of issue 8, run against the bridge as an
 * operator runs it — this jar's {@code bridge} command in child processes — on loopback, with a Frappe stand-in for
 * the site (REST and its webhook jobs, retries included) and a redis-server of its own that it stops and starts.
 * Prints one row of figures per scenario; with {@code --out} also JSON. It measures, it does not judge: bad figures
 * still exit 0. Exit 1 when a scenario could not run at all (named, with why), 2 on a bad command line.
 */
public final class FaultsCommand {
    /** The text of {@code faults --help}. */
    public static final String HELP = """
            usage: java -jar messenger-examples.jar faults [--quick] [--out FILE] [--only SCENARIO[,SCENARIO...]]
                                                           [--bridge-jar JAR]

            The fault table of the webhook bridge (RELIABILITY.md): each scenario runs this jar's bridge in child
            processes against a Frappe stand-in that retries webhooks as Frappe does and a redis-server of its own on
            a free port (never 127.0.0.1:6379), brings a fault about, waits for the bridges to recover, and counts.
            Scenarios: redis-down-new-messages, redis-down-updates, slow-connections, site-hangs, two-bridges,
            replay, gone-doc, unsafe-names, small-heap.

              --quick            smaller sizes and shorter outages
              --out FILE         also write the figures as JSON
              --only NAMES       run only these scenarios (comma-separated)
              --bridge-jar JAR   run the bridge of another build's messenger-examples.jar (its bridge command),
                                 e.g. an older main's, to compare before and after with the same harness

            Exit codes: 0 every scenario ran (whatever its figures), 1 a scenario could not run (named, with why),
            2 a usage mistake. Needs redis-server on the PATH.""";

    private final PrintStream out;
    private final PrintStream err;

    public FaultsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) throws InterruptedException {
        FaultsOptions options;
        try {
            options = FaultsOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("faults: " + e.getMessage() + " (see faults --help)");
            return 2;
        }
        List<Scenario> scenarios = new ArrayList<>(List.of(new RedisDownNewMessages(options),
                new RedisDownUpdates(options), new SlowConnections(options), new SiteHangs(options),
                new TwoBridges(options), new Replay(options), new GoneDoc(options), new UnsafeNames(options),
                new SmallHeap(options)));
        scenarios.removeIf(s -> !options.runs(s.name()));
        if (scenarios.isEmpty()) {
            err.println("faults: --only names no scenario (see faults --help)");
            return 2;
        }
        Machine machine;
        Path logDir;
        try (OwnRedis probe = OwnRedis.start()) {
            machine = Machine.describe(RedisAddress.parse(probe.url()));
            logDir = Files.createTempDirectory("faults-logs-");
        } catch (IOException | ScenarioCannotRun e) {
            err.println("faults: cannot run any scenario: " + e.getMessage());
            return 1;
        }
        err.println("faults: " + (options.quick() ? "quick" : "full") + " run on " + machine.summary()
                + "; bridge logs in " + logDir);
        long start = System.nanoTime();
        List<Figures> figures = new ArrayList<>();
        Map<String, String> cannotRun = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            err.println("faults: " + s.name() + ": " + s.fault());
            long t0 = System.nanoTime();
            try (Rig rig = Rig.start(options, s.name(), s.bridges(), s.heap(), logDir)) {
                Figures f = s.run(rig);
                figures.add(f);
                err.printf("faults: %s done in %.0f s%n", s.name(), (System.nanoTime() - t0) / 1e9);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                String why = e instanceof ScenarioCannotRun ? e.getMessage() : e.toString();
                err.println("faults: " + s.name() + " could not run: " + why);
                cannotRun.put(s.name(), why);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        FaultsTable.print(figures, cannotRun, out);
        out.printf("faults: %s run took %.0f s%n", options.quick() ? "quick" : "full", seconds);
        out.flush();
        if (options.out() != null) {
            write(options, machine, figures, cannotRun, seconds);
        }
        return cannotRun.isEmpty() ? 0 : 1;
    }

    private void write(FaultsOptions options, Machine machine, List<Figures> figures, Map<String, String> cannotRun,
            double seconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "faults");
        json.put("options", options.toJson());
        json.put("seconds", Math.round(seconds));
        json.put("machine", machine.toJson());
        json.put("scenarios", figures.stream().map(Figures::toJson).toList());
        json.put("could_not_run", cannotRun);
        try {
            Path parent = options.out().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(options.out().toFile(), json);
            err.println("faults: results written to " + options.out());
        } catch (IOException e) {
            err.println("faults: cannot write " + options.out() + ": " + e.getMessage());
        }
    }
}
