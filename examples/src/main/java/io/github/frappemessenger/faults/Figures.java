package io.github.frappemessenger.faults;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one scenario measured, in the site's final state and on the wire. Counts are of the scenario's own messages
 * and senders. {@code slowHeld} is null where no slow connections were opened. {@code notes} holds the figures only
 * one scenario has (link PUTs, misdirected requests, forged log lines...).
 */
record Figures(String scenario, String fault, long saved, long linked, long announced, long announcedTwice,
               long eventsExpected, long eventsLost, long senders, long sendersWithoutConversation,
               long sendersWithSeveral, double maxAnswerMillis, long attemptsOver5s, long attempts, long givenUp,
               Long slowHeld, Map<String, Object> notes) {

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("fault", fault);
        m.put("messages_saved", saved);
        m.put("messages_linked", linked);
        m.put("messages_announced", announced);
        m.put("messages_announced_twice", announcedTwice);
        m.put("events_expected", eventsExpected);
        m.put("events_lost", eventsLost);
        m.put("senders", senders);
        m.put("senders_without_conversation", sendersWithoutConversation);
        m.put("senders_with_two_or_more_conversations", sendersWithSeveral);
        m.put("max_answer_ms", Math.round(maxAnswerMillis));
        m.put("attempts", attempts);
        m.put("attempts_not_answered_within_5s", attemptsOver5s);
        m.put("deliveries_given_up", givenUp);
        m.put("slow_connections_held", slowHeld);
        m.put("notes", notes);
        return m;
    }
}
