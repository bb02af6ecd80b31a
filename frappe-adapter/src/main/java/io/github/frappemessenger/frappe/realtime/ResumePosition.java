package io.github.frappemessenger.frappe.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.json.JSONObject;

/**
 * The stream position of the last event heard, for servers that give one (our JVM Socket.IO server sends
 * {@code {"epoch", "offset"}} as each event's second argument; Frappe's own server sends none, and then this does
 * nothing). The position rides in the connect auth, which socket.io-client sends again on every reconnect, so the
 * server replays exactly what was missed; an event at or before the position (a replay overlap) is skipped. On
 * {@code messenger:resume} with {@code recovered: false} the position restarts from the server's head (the client
 * resyncs as after any reconnect). Used on socket.io-client's event thread.
 */
final class ResumePosition {
    static final String RESUME_EVENT = "messenger:resume";

    private final Map<String, String> auth = new ConcurrentHashMap<>();
    private String epoch;
    private long offset;

    /** The live auth map handed to socket.io-client (it reads it on each connect). */
    Map<String, String> auth() {
        return auth;
    }

    /** Notes the position of an incoming event; false when it was already heard (do not dispatch it again). */
    synchronized boolean fresh(Object[] args) {
        if (args.length >= 2 && RESUME_EVENT.equals(args[0]) && args[1] instanceof JSONObject r) {
            if (!r.optBoolean("recovered") || !r.optString("epoch").equals(epoch)
                    || r.optLong("offset") > offset) {
                move(r.optString("epoch"), r.optLong("offset"));
            }
            return true;
        }
        if (args.length < 3 || !(args[2] instanceof JSONObject p) || !p.has("epoch") || !p.has("offset")) {
            return true;
        }
        String e = p.optString("epoch");
        long o = p.optLong("offset");
        if (e.equals(epoch) && o <= offset) {
            return false;
        }
        move(e, o);
        return true;
    }

    private void move(String e, long o) {
        if (e == null || e.isBlank()) {
            return;
        }
        epoch = e;
        offset = o;
        auth.put("epoch", e);
        auth.put("offset", Long.toString(o));
    }
}
