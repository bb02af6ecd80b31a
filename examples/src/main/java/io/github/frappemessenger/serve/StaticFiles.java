package io.github.frappemessenger.serve;

import io.github.frappemessenger.socketio.HttpReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The page's files, read once from the jar ({@code /web/...}): the page, its script and style, socket.io-client. */
final class StaticFiles {
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/inbox.js", "inbox.js",
            "/inbox.css", "inbox.css",
            "/vendor/socket.io.min.js", "vendor/socket.io.min.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final Map<String, HttpReply> replies;

    StaticFiles() {
        java.util.HashMap<String, HttpReply> r = new java.util.HashMap<>();
        FILES.forEach((path, file) -> r.put(path, load(file)));
        replies = Map.copyOf(r);
    }

    Optional<HttpReply> get(String path) {
        return Optional.ofNullable(replies.get(path));
    }

    private static HttpReply load(String file) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("web/" + file + " is missing from the jar (build with mvn package)");
            }
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            return new HttpReply(200, type, in.readAllBytes(), Map.of("Cache-Control", "no-cache",
                    "Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
