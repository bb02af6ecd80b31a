package io.github.frappemessenger.socketio;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.json.JSONObject;

/**
 * A socket.io-client-java socket that records what it hears (event name, payload text, position) and keeps its last
 * position in the connect auth, as a resuming client does. Thread-safe.
 */
final class TestSocket implements AutoCloseable {
    record Heard(String event, Map<String, Object> payload, String epoch, long offset) {
    }

    private final Socket socket;
    private final Map<String, String> auth = new ConcurrentHashMap<>();
    private final List<Heard> heard = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<JSONObject> resumes = new ArrayList<>();

    /** {@code transports}: as socket.io-client's option ({@code "websocket"}, {@code "polling"}); none: its default. */
    TestSocket(int port, String namespace, Map<String, String> headers, boolean resume, String... transports) {
        IO.Options o = new IO.Options();
        if (transports.length > 0) {
            o.transports = transports.clone();
        }
        o.forceNew = true;
        o.reconnectionDelay = 100;
        o.reconnectionDelayMax = 500;
        o.extraHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> o.extraHeaders.put(k, List.of(v)));
        o.auth = auth;
        socket = IO.socket(URI.create("http://127.0.0.1:" + port + namespace), o);
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> {
            synchronized (this) {
                errors.add(args.length > 0 && args[0] instanceof JSONObject j ? j.optString("message") : "?");
            }
        });
        socket.onAnyIncoming(args -> {
            String event = (String) args[0];
            synchronized (this) {
                if (event.equals(SiteStream.RESUME_EVENT)) {
                    JSONObject r = (JSONObject) args[1];
                    resumes.add(r);
                    if (resume) {
                        auth.put("epoch", r.getString("epoch"));
                        if (!r.getBoolean("recovered")) {
                            auth.put("offset", String.valueOf(r.getLong("offset")));
                        }
                    }
                    return;
                }
                JSONObject pos = args.length > 2 && args[2] instanceof JSONObject p ? p : new JSONObject();
                heard.add(new Heard(event, ((JSONObject) args[1]).toMap(), pos.optString("epoch"), pos.optLong("offset")));
                if (resume && pos.has("offset")) {
                    auth.put("epoch", pos.getString("epoch"));
                    auth.put("offset", String.valueOf(pos.getLong("offset")));
                }
            }
        });
    }

    static Map<String, String> deskHeaders(int port, String token) {
        return Map.of("Origin", "http://127.0.0.1:" + port, "Cookie", "sid=Guest",
                "Authorization", "token " + token);
    }

    TestSocket connect() {
        socket.connect();
        return this;
    }

    boolean connected() {
        return socket.connected();
    }

    void disconnect() {
        socket.disconnect();
    }

    synchronized List<Heard> heard() {
        return List.copyOf(heard);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    synchronized List<JSONObject> resumes() {
        return List.copyOf(resumes);
    }

    @Override
    public void close() {
        socket.close();
    }
}
