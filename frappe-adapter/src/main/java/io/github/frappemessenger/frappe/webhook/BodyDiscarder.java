package io.github.frappemessenger.frappe.webhook;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads and drops what is left of a request body, so that a client still sending it can finish and read the answer
 * it was given (a 413): closing a connection with unread bytes makes the kernel reset it, and the client then sees
 * the reset instead of the answer. Stops at the body's end, a failure, {@code maxBytes} dropped, or {@link #stop()}
 * (the caller's deadline), whichever comes first, and then runs {@code done} once. Holds no thread while the client
 * is slow (Jetty's demand). Thread-safe as far as {@link #stop()} racing the reads goes.
 */
final class BodyDiscarder implements Runnable {
    private final Request request;
    private final long maxBytes;
    private final Runnable done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private long dropped;

    private BodyDiscarder(Request request, long maxBytes, Runnable done) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.done = done;
    }

    /** Starts dropping; returns the discarder, whose {@link #stop()} ends it early. */
    static BodyDiscarder start(Request request, long maxBytes, Runnable done) {
        BodyDiscarder d = new BodyDiscarder(request, maxBytes, done);
        d.run();
        return d;
    }

    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            boolean last = chunk.isLast() || Content.Chunk.isFailure(chunk);
            dropped += chunk.remaining();
            chunk.release();
            if (last || dropped > maxBytes) {
                stop();
                return;
            }
        }
    }

    /** Ends the discarding now (once; later calls do nothing). */
    void stop() {
        if (finished.compareAndSet(false, true)) {
            done.run();
        }
    }
}
