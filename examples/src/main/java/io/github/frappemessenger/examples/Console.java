package io.github.frappemessenger.examples;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of its process: standard input, output (data only: JSON lines, tables), error (logs and
 * mistakes) and the environment. Tests hand in their own, so a command runs in-process without a child JVM.
 */
record Console(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
}
