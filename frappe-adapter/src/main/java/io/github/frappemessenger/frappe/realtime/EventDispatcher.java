package io.github.frappemessenger.frappe.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.internal.LogSafe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each received event to the inbox (first, so listeners see the updated inbox) and then to the listeners
 * registered under its wire name. The payload, an org.json object from socket.io-client, becomes a plain map via
 * its JSON text. A failing listener is logged and does not stop the others. Thread-safe.
 */
final class EventDispatcher {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    private static final String MESSENGER_PREFIX = "messenger:";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final MessengerInbox inbox;
    private final Map<String, List<RealtimeListener>> listeners = new ConcurrentHashMap<>();

    EventDispatcher(ObjectMapper mapper, MessengerInbox inbox) {
        this.mapper = mapper;
        this.inbox = inbox;
    }

    void add(String eventName, RealtimeListener listener) {
        listeners.computeIfAbsent(eventName, n -> new CopyOnWriteArrayList<>()).add(listener);
    }

    void remove(String eventName, RealtimeListener listener) {
        List<RealtimeListener> list = listeners.get(eventName);
        if (list != null) {
            list.remove(listener);
        }
    }

    /** {@code args} as socket.io-client's onAnyIncoming gives them: the event name, then its arguments. */
    void dispatch(Object... args) {
        if (args.length == 0 || !(args[0] instanceof String eventName)) {
            return;
        }
        List<RealtimeListener> registered = listeners.getOrDefault(eventName, List.of());
        boolean forInbox = inbox != null && eventName.startsWith(MESSENGER_PREFIX);
        if (registered.isEmpty() && !forInbox) {
            return;
        }
        Map<String, Object> payload = payload(eventName, args);
        if (payload == null) {
            return;
        }
        if (forInbox) {
            try {
                inbox.apply(eventName, payload);
            } catch (RuntimeException e) {
                log.warn("The inbox could not apply {}: {}", LogSafe.of(eventName), LogSafe.of(e.getMessage()));
            }
        }
        for (RealtimeListener listener : registered) {
            try {
                listener.onEvent(eventName, payload);
            } catch (RuntimeException e) {
                log.warn("A realtime listener for {} failed", LogSafe.of(eventName), LogSafe.failure(e));
            }
        }
    }

    private Map<String, Object> payload(String eventName, Object[] args) {
        Object arg = args.length > 1 ? args[1] : null;
        if (!(arg instanceof JSONObject json)) {
            log.warn("Ignoring {}: its payload is not a JSON object but {}", LogSafe.of(eventName),
                    arg == null ? "missing" : arg.getClass().getSimpleName());
            return null;
        }
        try {
            return mapper.readValue(json.toString(), MAP);
        } catch (JsonProcessingException e) {
            log.warn("Ignoring {}: its payload is not readable JSON: {}", LogSafe.of(eventName),
                    LogSafe.of(e.getOriginalMessage()));
            return null;
        }
    }
}
