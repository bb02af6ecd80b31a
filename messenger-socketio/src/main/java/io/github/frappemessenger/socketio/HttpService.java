package io.github.frappemessenger.socketio;

/**
 * Serves the plain HTTP requests that share the Socket.IO server's port (a page, an API). Called on a worker
 * thread of the server, never on a network thread, so it may block briefly (a database write). Must be
 * thread-safe. An exception becomes a 500 with a one-line body; its stack trace is logged.
 */
@FunctionalInterface
public interface HttpService {

    HttpReply handle(HttpCall call) throws Exception;
}
