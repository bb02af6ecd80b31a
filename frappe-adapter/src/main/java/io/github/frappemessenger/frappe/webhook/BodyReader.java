package io.github.frappemessenger.frappe.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads one request body without holding a thread while the client is slow: chunks are copied as they arrive and
 * Jetty calls back (demand) when more is readable. Stops at {@code limit + 1} bytes, so a body over the limit is
 * never buffered whole, and reports a malformed body (bad chunking) as a failure. Exactly one of the callbacks is
 * called, once. Not thread-safe: one reader per request, driven by Jetty's demand (never two reads at once).
 */
final class BodyReader implements Runnable {
    /** How a read ended. */
    interface Outcome {
        void body(byte[] body);

        void tooLarge();

        void failed(Throwable failure);
    }

    private final Request request;
    private final int limit;
    private final Outcome outcome;
    private final ByteArrayOutputStream bytes;
    private boolean finished;

    private BodyReader(Request request, int limit, Outcome outcome) {
        this.request = request;
        this.limit = limit;
        this.outcome = outcome;
        long declared = request.getLength();
        this.bytes = new ByteArrayOutputStream(declared > 0 && declared <= limit ? (int) declared : 1024);
    }

    /** Starts reading; {@code outcome} is called on whichever thread completes the body. */
    static void read(Request request, int limit, Outcome outcome) {
        new BodyReader(request, limit, outcome).run();
    }

    @Override
    public void run() {
        while (!finished) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                finish(() -> outcome.failed(chunk.getFailure()));
                return;
            }
            try {
                ByteBuffer data = chunk.getByteBuffer();
                if ((long) bytes.size() + data.remaining() > limit) {
                    finish(outcome::tooLarge);
                    return;
                }
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                bytes.write(copy, 0, copy.length);
            } finally {
                chunk.release();
            }
            if (chunk.isLast()) {
                byte[] body = bytes.toByteArray();
                finish(() -> outcome.body(body));
                return;
            }
        }
    }

    private void finish(Runnable report) {
        finished = true;
        report.run();
    }

    /** An outcome made of three callbacks. */
    static Outcome of(Consumer<byte[]> body, Runnable tooLarge, Consumer<Throwable> failed) {
        return new Outcome() {
            @Override
            public void body(byte[] b) {
                body.accept(b);
            }

            @Override
            public void tooLarge() {
                tooLarge.run();
            }

            @Override
            public void failed(Throwable failure) {
                failed.accept(failure);
            }
        };
    }
}
