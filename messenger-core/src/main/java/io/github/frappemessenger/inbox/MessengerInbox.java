package io.github.frappemessenger.inbox;

import io.github.frappemessenger.Subscription;
import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationStatusUpdate;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageAutoSent;
import io.github.frappemessenger.event.MessageSent;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.internal.EventDecoder;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JVM twin of Frappe CRM's Messenger.vue: applies {@code messenger:*} events and keeps the conversation list
 * (newest {@code last_message_time} first), the open conversation's messages (each message once, by name) and the
 * unread count of each conversation (replaced, not added to, on {@code unread_update}). Thread-safe: every method
 * holds the inbox's lock; change listeners run after the lock is released.
 *
 * <p><b>Order.</b> Events may arrive out of order (two processes publish for one site). The inbox keeps the highest
 * {@code version} it applied per conversation — for its doc ({@code conversation_update},
 * {@code block_status_update}, {@code conversation_status_update}) and for its unread count apart — and per message,
 * and ignores an older event: it never shows an older state than it showed. Unversioned events (version 0) always
 * apply. A message event older than the conversation still adds its message (a message is never "older" than the
 * list; each is kept once by name). Reads from the site (a resync, an unread poll) taken before a live event do not
 * overwrite it: see {@link #mark()}.
 */
public final class MessengerInbox {
    private static final Comparator<InboxConversation> DISPLAY_ORDER = Comparator
            .comparing(InboxConversation::lastMessageTime, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(InboxConversation::name);

    private final EventDecoder decoder = new EventDecoder();
    private final Map<String, InboxConversation> conversations = new HashMap<>();
    private final Map<String, MessengerMessage> openMessages = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final InboxVersions versions = new InboxVersions();
    private String openConversation;

    /** Applies an event as received on the wire. Returns false for an event name the inbox does not know. */
    public boolean apply(String eventName, Map<String, ?> payload) {
        return decoder.decode(eventName, payload).map(e -> {
            apply(e);
            return true;
        }).orElse(false);
    }

    /** Applies an event unless the inbox already shows a newer state of what it changes. */
    public void apply(MessengerEvent event) {
        Objects.requireNonNull(event, "event");
        boolean applied;
        synchronized (this) {
            applied = applyLocked(event);
        }
        if (applied) {
            changed();
        }
    }

    private boolean applyLocked(MessengerEvent event) {
        long v = event.version();
        if (event instanceof ConversationUpdate u) {
            return versions.acceptDoc(u.conversationId(), v) && upsertLocked(u.conversation());
        } else if (event instanceof MessageUpdate u) {
            return versions.acceptMessage(u.message().name(), v) && addMessageLocked(u.conversationId(), u.message());
        } else if (event instanceof MessageSent s) {
            return versions.acceptMessage(s.message().name(), v) && addMessageLocked(s.conversationId(), s.message());
        } else if (event instanceof MessageAutoSent s) {
            return versions.acceptMessage(s.message().name(), v) && addMessageLocked(s.conversationId(), s.message());
        } else if (event instanceof UnreadUpdate u) {
            return versions.acceptUnread(u.conversationId(), v) && conversations.computeIfPresent(
                    u.conversationId(), (n, c) -> c.withUnreadCount(u.unreadCount())) != null;
        } else if (event instanceof BlockStatusUpdate b) {
            return versions.acceptDoc(b.conversationId(), v) && b.blocked()
                    && conversations.remove(b.conversationId()) != null;
        } else if (event instanceof ConversationStatusUpdate s) {
            return versions.acceptDoc(s.conversationId(), v);
        } else if (event instanceof MessageStatusUpdate s) {
            return versions.acceptMessage(s.name(), v) && updateStatusLocked(s);
        }
        return false;
    }

    /** Puts a conversation read from the site (e.g. on a resync) into the list, keeping its unread count. */
    public void upsert(MessengerConversation conversation) {
        synchronized (this) {
            versions.acceptDoc(conversation.name(), 0);
            upsertLocked(conversation);
        }
        changed();
    }

    /**
     * Puts a conversation read from the site into the list unless a live event changed it after {@code mark} (taken
     * with {@link #mark()} before the read): the event's state is newer than the read.
     *
     * @return whether it was put
     */
    public boolean upsertIfUnchangedSince(MessengerConversation conversation, long mark) {
        synchronized (this) {
            if (versions.docChangedSince(conversation.name(), mark)) {
                return false;
            }
            upsertLocked(conversation);
        }
        changed();
        return true;
    }

    /** The inbox's current point in time, to take before reading the site (see {@link #upsertIfUnchangedSince}). */
    public synchronized long mark() {
        return versions.mark();
    }

    /**
     * Sets unread counts from a poll of the site. Conversations the poll does not name have no unread messages
     * (the poll's {@code group_by} lists only conversations that have some).
     */
    public void replaceUnreadCounts(Map<String, Long> unreadByConversation) {
        replaceUnreadCounts(unreadByConversation, Long.MAX_VALUE);
    }

    /**
     * Sets unread counts from a poll of the site begun at {@code mark} ({@link #mark()}): a count an
     * {@code unread_update} changed since is newer than the poll and stays.
     */
    public void replaceUnreadCounts(Map<String, Long> unreadByConversation, long mark) {
        synchronized (this) {
            conversations.replaceAll((name, c) -> versions.unreadChangedSince(name, mark) ? c
                    : c.withUnreadCount(unreadByConversation.getOrDefault(name, 0L)));
        }
        changed();
    }

    /** Opens a conversation with its history (oldest first); later message events for it are appended. */
    public void open(String conversationName, List<MessengerMessage> history) {
        synchronized (this) {
            openConversation = conversationName;
            openMessages.clear();
            for (MessengerMessage m : history) {
                openMessages.put(m.name(), m);
            }
        }
        changed();
    }

    /** The conversation list in display order: newest last message first. */
    public synchronized List<InboxConversation> conversations() {
        List<InboxConversation> list = new ArrayList<>(conversations.values());
        list.sort(DISPLAY_ORDER);
        return list;
    }

    public synchronized long unreadCount(String conversationName) {
        InboxConversation c = conversations.get(conversationName);
        return c == null ? 0 : c.unreadCount();
    }

    public synchronized String openConversation() {
        return openConversation;
    }

    /** The open conversation's messages in arrival order, each once. */
    public synchronized List<MessengerMessage> openMessages() {
        return List.copyOf(openMessages.values());
    }

    /** Runs {@code listener} after every change (on the thread that made it); closing the subscription stops it. */
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                listeners.remove(listener);
            }
        };
    }

    private boolean upsertLocked(MessengerConversation c) {
        if (c.blockChat()) {
            conversations.remove(c.name());
            return true;
        }
        long unread = unreadCount(c.name());
        conversations.put(c.name(), InboxConversation.of(c, unread));
        return true;
    }

    private boolean addMessageLocked(String conversationName, MessengerMessage m) {
        LocalDateTime time = m.timestamp();
        conversations.computeIfPresent(conversationName, (n, c) -> c.withMessage(m.preview(), time));
        if (conversationName.equals(openConversation) && m.name() != null) {
            openMessages.put(m.name(), m);
        }
        return true;
    }

    private boolean updateStatusLocked(MessageStatusUpdate s) {
        MessengerMessage m = s.name() == null ? null : openMessages.get(s.name());
        if (m != null) {
            Map<String, Object> change = new HashMap<>();
            change.put("status", s.status());
            openMessages.put(m.name(), m.mergedWith(change));
        }
        return true;
    }

    private void changed() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
