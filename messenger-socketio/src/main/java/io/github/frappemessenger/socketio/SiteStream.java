package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.frappemessenger.internal.LruMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One site's event stream: every event is appended to the history and broadcast to its room with its position as
 * a second argument; a socket that joins gets its rooms, then (under the same lock, so that no live event can come
 * between) the events it missed and a {@code messenger:resume} answer. Thread-safe.
 */
final class SiteStream {
    /** Emitted once per connect: {@code {"epoch", "offset", "recovered", "missed"}}. */
    static final String RESUME_EVENT = "messenger:resume";

    private final SocketIONamespace namespace;
    private final EventHistory history;
    /** How many of the newest events are kept encoded (a few MB at most): what a resume replays is mostly there. */
    static final int ENCODED_KEPT = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final ObjectMapper mapper = new ObjectMapper();
    /** The newest events' encoded packets by offset, for {@link #encoded}; of {@link #encodedEpoch}; under the lock. */
    private final LruMap<Long, EncodedEventPacket> encoded = new LruMap<>(ENCODED_KEPT);
    private String encodedEpoch;

    SiteStream(SocketIONamespace namespace, EventHistory history) {
        this.namespace = namespace;
        this.history = history;
    }

    /** Appends and broadcasts; returns the event with its offset. */
    StreamEvent publish(String event, String room, String payloadJson) {
        lock.lock();
        try {
            StreamEvent e = history.append(event, room, payloadJson);
            broadcast(e);
            return e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts a socket in its rooms (Frappe's: {@code user:<user>}, {@code all} for a desk user, {@code website} for the
     * guest), replays what it missed since {@code resume} when the history still has it, and tells it the outcome.
     */
    void admit(SocketIOClient client, Principal who, ResumeRequest resume) {
        lock.lock();
        try {
            if (who.isGuest()) {
                client.joinRoom("website");
            } else {
                client.joinRoom("user:" + who.user());
                if (who.deskUser()) {
                    client.joinRoom("all");
                }
            }
            String epoch = history.epoch();
            List<StreamEvent> missed = resume != null && resume.epoch().equals(epoch)
                    ? history.after(resume.offset()) : null;
            int sent = 0;
            if (missed != null) {
                Set<String> rooms = client.getAllRooms();
                boolean v4 = isV4(client);
                for (StreamEvent e : missed) {
                    if (rooms.contains(e.room())) {
                        if (v4) {
                            client.send(encoded(e));
                        } else {
                            client.sendEvent(e.event(), new RawValue(e.payloadJson()), position(e));
                        }
                        sent++;
                    }
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("epoch", epoch);
            answer.put("offset", history.headOffset());
            answer.put("recovered", missed != null);
            answer.put("missed", sent);
            client.sendEvent(RESUME_EVENT, answer);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends one event to every socket of its room. Engine.IO v4 sockets (every socket.io-client 3/4 and our JVM
     * client) share one {@link EncodedEventPacket}, encoded here once: websockets get its frame through
     * {@link DirectFrames}, one task per event loop, when that keeps their order; the rest take it through their
     * netty-socketio packet queue. Any other socket gets netty-socketio's own per-socket encoding.
     */
    private void broadcast(StreamEvent e) {
        Collection<SocketIOClient> room = namespace.getRoomOperations(e.room()).getClients();
        if (room.isEmpty()) {
            return;
        }
        EncodedEventPacket shared = encoded(e);
        for (SocketIOClient client : DirectFrames.send(room, shared)) {
            if (isV4(client)) {
                client.send(shared);
            } else {
                client.sendEvent(e.event(), new RawValue(e.payloadJson()), position(e));
            }
        }
    }

    /**
     * The event's packet, encoded once and kept among the newest {@link #ENCODED_KEPT}: a broadcast makes it, and a
     * resume that replays the event to a thousand reconnecting sockets writes the same bytes to each instead of
     * running Jackson per socket and event. Under the lock.
     */
    private EncodedEventPacket encoded(StreamEvent e) {
        if (!e.epoch().equals(encodedEpoch)) {
            encoded.clear();
            encodedEpoch = e.epoch();
        }
        return encoded.computeIfAbsent(e.offset(), o -> EncodedEventPacket.of(mapper, namespace.getName(), e.event(),
                e.payloadJson(), position(e)));
    }

    private static boolean isV4(SocketIOClient client) {
        return client instanceof NamespaceClient nc
                && EngineIOVersion.V4.equals(nc.getBaseClient().getEngineIOVersion());
    }

    String epoch() {
        return history.epoch();
    }

    long headOffset() {
        return history.headOffset();
    }

    private static Map<String, Object> position(StreamEvent e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("epoch", e.epoch());
        p.put("offset", e.offset());
        return p;
    }
}
