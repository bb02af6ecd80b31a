package io.github.frappemessenger.testing;

/**
 * The stand-in's one extension point, as OkHttp's: sees each request before the site does, and may answer it
 * itself, change it ({@link StandInRequest#withBody}), or pass it on ({@link Chain#proceed}) and change the answer.
 * A test adds what its site has beyond the kit (a permission model, a DocType's defaults, a failure). Called on the
 * server's threads, concurrently.
 */
@FunctionalInterface
public interface Interceptor {
    StandInAnswer intercept(StandInRequest request, Chain chain);

    /** The rest of the way: the next interceptor, then the site. */
    @FunctionalInterface
    interface Chain {
        StandInAnswer proceed(StandInRequest request);
    }
}
