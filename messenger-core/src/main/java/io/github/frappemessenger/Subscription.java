package io.github.frappemessenger;

/**
 * A listener's registration: {@link #close} removes it. Closing twice does nothing; it throws no checked exception,
 * so it fits try-with-resources and a plain {@code subscription.close()} alike. Every {@code subscribe}, {@code on}
 * and listener registration in these modules hands one back.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
