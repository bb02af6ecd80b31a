package io.github.frappemessenger.inbox;

import io.github.frappemessenger.internal.LruMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The highest event version the inbox applied, per conversation (its doc and its unread count, apart) and per
 * message, so that an event older than what the inbox shows is ignored. Version 0 (unversioned) always applies and
 * moves nothing. Also stamps each applied change with a local sequence number, so that a poll or a resync read
 * before a live event cannot overwrite it. Not thread-safe: the inbox calls it under its lock.
 */
final class InboxVersions {
    private static final int REMEMBERED_MESSAGES = 10_000;

    private final Map<String, Long> docs = new HashMap<>();
    private final Map<String, Long> unread = new HashMap<>();
    private final Map<String, Long> messages = new LruMap<>(REMEMBERED_MESSAGES);
    private final Map<String, Long> unreadChangedAt = new HashMap<>();
    private final Map<String, Long> docChangedAt = new HashMap<>();
    private long sequence;

    boolean acceptDoc(String conversation, long version) {
        if (!accept(docs, conversation, version)) {
            return false;
        }
        docChangedAt.put(conversation, ++sequence);
        return true;
    }

    boolean acceptUnread(String conversation, long version) {
        if (!accept(unread, conversation, version)) {
            return false;
        }
        unreadChangedAt.put(conversation, ++sequence);
        return true;
    }

    boolean acceptMessage(String message, long version) {
        return message == null || accept(messages, message, version);
    }

    /** The current point in the inbox's history, for {@link #unreadChangedSince} and {@link #docChangedSince}. */
    long mark() {
        return sequence;
    }

    boolean unreadChangedSince(String conversation, long mark) {
        return unreadChangedAt.getOrDefault(conversation, 0L) > mark;
    }

    boolean docChangedSince(String conversation, long mark) {
        return docChangedAt.getOrDefault(conversation, 0L) > mark;
    }

    private static boolean accept(Map<String, Long> seen, String key, long version) {
        if (version <= 0 || key == null) {
            return true;
        }
        Long current = seen.get(key);
        if (current != null && version <= current) {
            return false;
        }
        seen.put(key, version);
        return true;
    }
}
