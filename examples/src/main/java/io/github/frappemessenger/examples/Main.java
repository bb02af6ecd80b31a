package io.github.frappemessenger.examples;

import io.github.frappemessenger.frappe.bridge.MissingSettingException;
import io.github.frappemessenger.faults.FaultsCommand;
import io.github.frappemessenger.load.BroadcastCommand;
import io.github.frappemessenger.load.LoadCommand;
import io.github.frappemessenger.serve.ServeCommand;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar messenger-examples.jar <command> [options]}: the first argument picks the program.
 * {@code --help}, {@code -h} or {@code help} (alone, or after a command) prints usage on stdout and exits 0; a user's
 * mistake is one line on stderr and exit 2, never a stack trace.
 */
public final class Main {
    static final String JAR = "java -jar messenger-examples.jar";
    private static final Set<String> HELP = Set.of("--help", "-h", "help");

    /** The jar's commands, in the order {@code --help} lists them. A new command is one more entry here. */
    static final List<Command> COMMANDS = List.of(
            new Command("demo", "run the embedded messenger on JSON lines; print its events", DemoCommand.HELP,
                    (c, args) -> new DemoCommand(c.in(), c.out(), c.err()).run(args)),
            new Command("bridge", "the webhook bridge: Frappe webhooks in, realtime events out", BridgeCommand.HELP,
                    (c, args) -> new BridgeCommand(c.env(), c.err()).run(args)),
            new Command("listen", "print the messenger events of a site's realtime server", ListenCommand.HELP,
                    (c, args) -> new ListenCommand(c.env(), c.out(), c.err(), new CountDownLatch(1)).run(args)),
            new Command("load", "the load harness (needs Redis)", LoadCommand.HELP,
                    (c, args) -> new LoadCommand(c.out(), c.err()).run(args)),
            new Command("setup", "make a Frappe site ready for the bridge (DocTypes, Webhooks, role), or --check it",
                    SetupCommand.USAGE, (c, args) -> new SetupCommand(c.env(), c.out(), c.err()).run(args)),
            new Command("doctor", "prove the whole path on a live site, one line per check", DoctorCommand.USAGE,
                    (c, args) -> new DoctorCommand(c.env(), c.out(), c.err()).run(args)),
            new Command("faults", "the fault table of the bridge (needs redis-server)", FaultsCommand.HELP,
                    (c, args) -> new FaultsCommand(c.out(), c.err()).run(args)),
            new Command("serve", "the web inbox, Socket.IO and a JSON API on one port", ServeCommand.HELP,
                    (c, args) -> new ServeCommand(c.env(), c.out(), c.err(), new CountDownLatch(1)).run(args)),
            new Command("broadcast", "serve's Socket.IO server beside the Node relay: 1,000 sockets, 1,000 events/s",
                    BroadcastCommand.HELP, (c, args) -> new BroadcastCommand(c.out(), c.err()).run(args)),
            new Command("bench", "the JMH micro-benchmarks", BenchCommand.HELP, (c, args) -> BenchCommand.run(args)));

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // One event per line can be hundreds of thousands of lines: buffer stdout instead of flushing each line.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(args, new Console(System.in, out, System.err, System.getenv()));
        } finally {
            out.flush();
        }
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. A bug still throws (and shows its stack trace). */
    static int run(String[] args, Console console) throws Exception {
        if (args.length == 0) {
            console.err().println("usage: " + JAR + " <command> [options]; commands: " + names() + " (--help for more)");
            return 2;
        }
        if (HELP.contains(args[0])) {
            Command command = args.length > 1 ? find(args[1]) : null;
            if (args.length > 1 && command == null) {
                return unknown(args[1], console);
            }
            console.out().println(command != null ? command.help() : overview());
            return 0;
        }
        Command command = find(args[0]);
        if (command == null) {
            return unknown(args[0], console);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.stream(rest).anyMatch(HELP::contains)) {
            console.out().println(command.help());
            return 0;
        }
        try {
            return command.runner().run(console, rest);
        } catch (UsageException | MissingSettingException e) {
            console.err().println(command.name() + ": " + e.getMessage());
            return 2;
        }
    }

    private static int unknown(String name, Console console) {
        console.err().println("unknown command '" + Printable.of(name) + "'; commands: " + names()
                + " (--help for more)");
        return 2;
    }

    static Command find(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static String names() {
        return COMMANDS.stream().map(Command::name).collect(Collectors.joining(", "));
    }

    /** The jar's usage: every command with its one-line summary. */
    static String overview() {
        StringBuilder text = new StringBuilder("usage: " + JAR + " <command> [options]\n\ncommands:\n");
        for (Command c : COMMANDS) {
            text.append(String.format("  %-8s %s%n", c.name(), c.summary()));
        }
        return text.append("\n").append(JAR).append(" <command> --help   shows a command's options.").toString();
    }
}
