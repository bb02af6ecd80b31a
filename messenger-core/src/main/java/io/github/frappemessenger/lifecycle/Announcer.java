package io.github.frappemessenger.lifecycle;

import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.event.RoomPolicy;
import io.github.frappemessenger.internal.StripedLocks;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.ConversationVersions;
import io.github.frappemessenger.port.RealtimePublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Numbers the events of one save with the conversation's next versions and publishes each to the conversation's
 * rooms. The state the events show is read, numbered and published under a lock of the conversation (striped, in
 * this JVM): of two saves in one process, the one that read later gets the higher versions and leaves first.
 * Across processes the version store alone orders them (docs/events.md). Thread-safe.
 */
final class Announcer {
    /** What a save announces: the conversation (for its rooms) and its events, unversioned. */
    record Plan(MessengerConversation conversation, List<MessengerEvent> events) {
    }

    private final ConversationVersions versions;
    private final RoomPolicy rooms;
    private final RealtimePublisher publisher;
    private final StripedLocks locks = new StripedLocks(64);

    Announcer(ConversationVersions versions, RoomPolicy rooms, RealtimePublisher publisher) {
        this.versions = versions;
        this.rooms = rooms;
        this.publisher = publisher;
    }

    /** Reads the plan, versions and publishes it, under the lock of {@code conversation}; returns what went out. */
    List<RealtimeEvent> announce(String conversation, Supplier<Plan> read) {
        ReentrantLock lock = locks.of(conversation);
        lock.lock();
        try {
            Plan plan = read.get();
            if (plan.events().isEmpty()) {
                return List.of();
            }
            List<Room> targets = rooms.roomsOf(plan.conversation());
            long first = versions.next(conversation, plan.events().size());
            List<RealtimeEvent> out = new ArrayList<>(plan.events().size() * Math.max(1, targets.size()));
            for (int i = 0; i < plan.events().size(); i++) {
                MessengerEvent versioned = plan.events().get(i).withVersion(first + i);
                for (Room room : targets) {
                    out.add(new RealtimeEvent(versioned, room));
                }
            }
            if (!out.isEmpty()) {
                publisher.publishAll(out);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }
}
