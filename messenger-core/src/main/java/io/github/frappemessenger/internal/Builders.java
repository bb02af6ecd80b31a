package io.github.frappemessenger.internal;

import java.time.Duration;
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

    /** {@code value}, unless it is null, zero or negative. */
    public static Duration positive(@Nullable Duration value, String what) {
        if (Objects.requireNonNull(value, what).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code value}, unless it is null or blank. */
    public static String nonBlank(@Nullable String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
