package io.github.frappemessenger.socketio;

import java.util.List;

/**
 * The bounded history of one site's event stream, so that a client that reconnects gets exactly what it missed.
 * Offsets grow by one per event within an {@link #epoch()}; an epoch names one continuous history, and a new epoch
 * (e.g. an in-memory history after a restart) tells clients that their offsets mean nothing any more.
 * Implementations are thread-safe; the server calls {@link #append} in stream order under its own lock.
 */
public interface EventHistory extends AutoCloseable {

    /** The current epoch: a string that changes whenever the history is lost. */
    String epoch();

    /** Stores an event and returns it with its offset. Older events may be dropped to keep the bounds. */
    StreamEvent append(String event, String room, String payloadJson);

    /** The offset of the newest event (0 when none was ever appended in this epoch). */
    long headOffset();

    /**
     * The events after {@code offset} in order, or null when some of them are no longer kept (the gap is beyond the
     * history) or when {@code offset} is ahead of the head.
     */
    List<StreamEvent> after(long offset);

    @Override
    default void close() {
    }
}
