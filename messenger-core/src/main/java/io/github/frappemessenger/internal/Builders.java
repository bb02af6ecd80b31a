package io.github.frappemessenger.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The builders' one convention: a setter checks its value at once and refuses a second call; {@code build} names
 * what is missing. Not part of the API.
 */
public final class Builders {
    private Builders() {
    }

    /** {@code value}, unless it is null or {@code current} is set already. */
    public static <T> T once(@Nullable T current, @Nullable T value, String what) {
        Objects.requireNonNull(value, what);
        if (current != null) {
            throw new IllegalStateException(what + " was set already");
        }
        return value;
    }

    /** {@code value}, unless it is null: then {@code owner} needs it. */
    public static <T> T required(@Nullable T value, String owner, String what) {
        if (value == null) {
            throw new IllegalStateException(owner + " needs a " + what);
        }
        return value;
    }
}
