package io.github.frappemessenger.examples;

import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/** {@code bench [JMH options]}: JMH's own command line over the benchmarks compiled into the jar. */
final class BenchCommand {
    static final String HELP = """
            usage: java -jar messenger-examples.jar bench [JMH options] [BENCHMARK REGEX]

            Runs the JMH micro-benchmarks in the jar: LifecycleBenchmark, EventJsonBenchmark, InboxBenchmark.
            Every option is JMH's own; the common ones:
              -l                 list the benchmarks
              -f N               forks (JVMs) per benchmark
              -wi N / -i N       warm-up / measured iterations
              -w TIME / -r TIME  warm-up / measured iteration time (e.g. 1s)
              -t N               threads
              -prof gc           allocation profiler
              -rf json -rff F    write the results as JSON to file F
            e.g. java -jar messenger-examples.jar bench LifecycleBenchmark -f 1 -wi 2 -i 3 -prof gc""";

    private BenchCommand() {
    }

    static int run(String[] args) throws Exception {
        try {
            // Parsed here first: JMH's Main would print a mistake as two lines and exit 1.
            new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            throw new UsageException(Printable.of(String.valueOf(e.getMessage())) + " (see bench --help)");
        }
        // JMH's Main prints a failed run's errors; on success it returns, on a failed run it exits by itself.
        org.openjdk.jmh.Main.main(args);
        return 0;
    }
}
