package io.github.frappemessenger.frappe.realtime;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records what a client hears: events in arrival order, connection changes and connect errors. Thread-safe. */
final class Recorder implements RealtimeListener, ConnectionListener {
    record Heard(String event, Map<String, Object> payload) {
    }

    private final List<Heard> events = new ArrayList<>();
    private final List<String> connectErrors = new ArrayList<>();
    private final List<LocalDateTime> disconnects = new ArrayList<>();
    private int connects;

    @Override
    public synchronized void onEvent(String eventName, Map<String, Object> payload) {
        events.add(new Heard(eventName, payload));
    }

    @Override
    public synchronized void onConnect() {
        connects++;
    }

    @Override
    public synchronized void onDisconnect(String reason) {
        disconnects.add(LocalDateTime.now());
    }

    @Override
    public synchronized void onConnectError(String message) {
        connectErrors.add(message);
    }

    synchronized List<Heard> events() {
        return List.copyOf(events);
    }

    synchronized List<String> eventNames() {
        return events.stream().map(Heard::event).toList();
    }

    synchronized List<String> connectErrors() {
        return List.copyOf(connectErrors);
    }

    synchronized List<LocalDateTime> disconnects() {
        return List.copyOf(disconnects);
    }

    synchronized int connects() {
        return connects;
    }
}
