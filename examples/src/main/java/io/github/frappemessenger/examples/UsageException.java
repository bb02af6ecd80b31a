package io.github.frappemessenger.examples;

/**
 * A user's mistake (an unknown option, a file that is not there, a setting that is missing or unusable): {@link Main}
 * prints its message as one line on stderr, prefixed by the command's name, and exits 2 without a stack trace.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
