package io.github.frappemessenger.examples;

/**
 * One program of the jar: its name (the first argument), a one-line summary for the jar's usage, the full help that
 * {@code <name> --help} prints, and what runs it. The list lives in {@link Main#COMMANDS}.
 *
 * @param name    the first argument that picks it
 * @param summary one line for {@code --help}'s list of commands
 * @param help    the text of {@code <name> --help}: synopsis, options, environment, exit codes
 * @param runner  runs it with the rest of the command line; returns the exit code
 */
record Command(String name, String summary, String help, Runner runner) {

    /** Runs a command with the arguments after its name. A {@link UsageException} is a user's mistake: exit 2. */
    @FunctionalInterface
    interface Runner {
        int run(Console console, String[] args) throws Exception;
    }
}
