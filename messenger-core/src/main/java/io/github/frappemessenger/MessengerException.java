package io.github.frappemessenger;

import org.jspecify.annotations.Nullable;

/**
 * The root of the messenger's failures. Callers decide by type and by {@link #isTransient()}, never by catching a JDK
 * exception from somewhere below: a transient failure (a database or site away, a conversation deleted under a
 * save) is worth retrying as it is; any other one will fail again until the input or the configuration changes.
 * Immutable and thread-safe.
 */
public class MessengerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    public MessengerException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    public MessengerException(String message, boolean transientFailure, @Nullable Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when the same call may succeed later unchanged (a webhook answers 503 then, so that Frappe retries). */
    public boolean isTransient() {
        return transientFailure;
    }
}
