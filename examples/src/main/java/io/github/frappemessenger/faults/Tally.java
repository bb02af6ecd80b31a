package io.github.frappemessenger.faults;

import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.testing.FrappeStandIn;
import io.github.frappemessenger.testing.FrappeWebhooks;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts one scenario: the messages it made (and how many states of each should be announced), read back from
 * the site, the event tap and Frappe's webhook tries — only what happened after {@link #begin}. An incoming message's
 * state is announced with four events (conversation_update, message_update, unread_update, message_status_update);
 * "events lost" adds, per event type, the announcements that should have been made and were not (message events
 * matched by message name, conversation events by count). Thread-safe where the scenarios' senders call it.
 */
final class Tally {
    static final List<String> ANNOUNCEMENT = List.of(ConversationUpdate.NAME, MessageUpdate.NAME,
            UnreadUpdate.NAME, MessageStatusUpdate.NAME);

    private final Rig rig;
    private final String scenario;
    private final String fault;
    private final int eventsFrom;
    private final int attemptsFrom;
    private final int givenUpFrom;
    private final Map<String, Integer> expected = new ConcurrentHashMap<>();
    private final Map<String, String> senders = new ConcurrentHashMap<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();
    private Long slowHeld;

    private Tally(Rig rig, String scenario, String fault) {
        this.rig = rig;
        this.scenario = scenario;
        this.fault = fault;
        this.eventsFrom = rig.tap.count();
        this.attemptsFrom = rig.webhooks.attempts().size();
        this.givenUpFrom = rig.webhooks.givenUp().size();
    }

    static Tally begin(Rig rig, String scenario, String fault) {
        return new Tally(rig, scenario, fault);
    }

    /** A message of the scenario, whose state is to be announced once more. */
    void expect(Map<String, Object> doc) {
        String name = doc.get("name").toString();
        expected.merge(name, 1, Integer::sum);
        senders.put(name, String.valueOf(doc.get("sender_id")));
    }

    /** A message the scenario watches but whose state must not be announced (again). */
    void watch(Map<String, Object> doc) {
        expected.merge(doc.get("name").toString(), 0, Integer::sum);
        senders.put(doc.get("name").toString(), String.valueOf(doc.get("sender_id")));
    }

    /** Events heard since {@link #begin}. */
    List<EventTap.Event> events() {
        List<EventTap.Event> events = rig.tap.events();
        return events.subList(Math.min(eventsFrom, events.size()), events.size());
    }

    void note(String key, Object value) {
        notes.put(key, value);
    }

    void slowHeld(long held) {
        this.slowHeld = held;
    }

    Figures figures() {
        List<EventTap.Event> events = events();
        Map<String, Integer> messageUpdates = new HashMap<>();
        Map<String, Map<?, ?>> lastAnnounced = new HashMap<>();
        Map<String, Integer> statusUpdates = new HashMap<>();
        Map<String, Integer> byType = new HashMap<>();
        for (EventTap.Event e : events) {
            byType.merge(e.event(), 1, Integer::sum);
            if (e.event().equals(MessageUpdate.NAME) && e.message().get("message") instanceof Map<?, ?> m) {
                messageUpdates.merge(String.valueOf(m.get("name")), 1, Integer::sum);
                lastAnnounced.put(String.valueOf(m.get("name")), m);
            } else if (e.event().equals(MessageStatusUpdate.NAME)) {
                statusUpdates.merge(String.valueOf(e.message().get("name")), 1, Integer::sum);
            }
        }
        long saved = 0;
        long linked = 0;
        long announced = 0;
        long twice = 0;
        long statesExpected = 0;
        long lost = 0;
        long stale = 0;
        for (Map.Entry<String, Integer> m : expected.entrySet()) {
            int want = m.getValue();
            statesExpected += want;
            Map<String, Object> doc = rig.frappe.doc(FrappeStandIn.MESSAGE, m.getKey()).orElse(null);
            saved += doc == null ? 0 : 1;
            linked += doc != null && !blank(doc.get("conversation")) ? 1 : 0;
            int heard = messageUpdates.getOrDefault(m.getKey(), 0);
            boolean mustShow = want > 0 || lastAnnounced.containsKey(m.getKey()); // anything heard must be current
            stale += doc != null && mustShow && !sameState(doc, lastAnnounced.get(m.getKey())) ? 1 : 0;
            announced += want > 0 && heard >= want ? 1 : 0;
            twice += heard > want ? 1 : 0;
            lost += Math.max(0, want - heard) + Math.max(0, want - statusUpdates.getOrDefault(m.getKey(), 0));
        }
        for (String type : List.of(ConversationUpdate.NAME, UnreadUpdate.NAME)) {
            lost += Math.max(0, statesExpected - byType.getOrDefault(type, 0));
        }
        Map<String, Long> conversationsBySender = new HashMap<>();
        for (Map<String, Object> c : rig.frappe.docs(FrappeStandIn.CONVERSATION)) {
            conversationsBySender.merge(String.valueOf(c.get("sender_id")), 1L, Long::sum);
        }
        long without = 0;
        long several = 0;
        for (String sender : new java.util.HashSet<>(senders.values())) {
            long n = conversationsBySender.getOrDefault(sender, 0L);
            without += n == 0 ? 1 : 0;
            several += n >= 2 ? 1 : 0;
        }
        List<FrappeWebhooks.Attempt> attempts = rig.webhooks.attempts();
        attempts = attempts.subList(Math.min(attemptsFrom, attempts.size()), attempts.size());
        double max = attempts.stream().filter(a -> a.status() > 0).mapToLong(FrappeWebhooks.Attempt::nanos).max()
                .orElse(0) / 1e6;
        long late = attempts.stream().filter(a -> a.status() == FrappeWebhooks.TIMED_OUT).count();
        Map<String, Long> answers = new java.util.TreeMap<>();
        attempts.forEach(a -> answers.merge(a.status() == FrappeWebhooks.TIMED_OUT ? "timeout"
                : a.status() == FrappeWebhooks.NO_CONNECTION ? "refused" : Integer.toString(a.status()), 1L, Long::sum));
        Map<String, Long> timedOut = new java.util.TreeMap<>();
        attempts.stream().filter(a -> a.status() == FrappeWebhooks.TIMED_OUT).forEach(a -> timedOut.merge(
                a.delivery().docEvent() + " try " + a.tryNumber(), 1L, Long::sum));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("answers", answers);
        all.put("final_state_not_announced", stale);
        if (!timedOut.isEmpty()) {
            all.put("timed_out", timedOut);
        }
        all.put("error_log_entries", rig.frappe.docs(FrappeStandIn.ERROR_LOG).size());
        all.put("events_heard", byType);
        all.put("load_average_after", loadAverage());
        all.putAll(notes);
        return new Figures(scenario, fault, saved, linked, announced, twice, statesExpected * ANNOUNCEMENT.size(), lost,
                new java.util.HashSet<>(senders.values()).size(), without, several, max, late, attempts.size(),
                rig.webhooks.givenUp().size() - givenUpFrom, slowHeld, all);
    }

    /** The machine's 1-minute load average: the cores are shared, and every time figure should be read with it. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Whether the last announcement of a message shows the site's final state of it: the fields a save of the desk or
     * of the bridge changes (read, status, conversation). {@code modified} is left out: the bridge's own write of the
     * link moves it without a new state to announce.
     */
    private static boolean sameState(Map<String, Object> site, Map<?, ?> announced) {
        if (announced == null) {
            return false;
        }
        for (String field : List.of("is_read", "status", "conversation")) {
            if (!Objects.toString(site.get(field), "").equals(Objects.toString(announced.get(field), ""))) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(Object value) {
        return value == null || Objects.toString(value).isBlank();
    }
}
