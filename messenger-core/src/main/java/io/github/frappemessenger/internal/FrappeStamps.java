package io.github.frappemessenger.internal;

import io.github.frappemessenger.model.MessengerConversation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields Frappe's {@code as_dict()} carries beside a doc's own: {@code doctype}, {@code owner},
 * {@code creation}, {@code modified}, {@code modified_by}, {@code docstatus}, {@code idx} — stamped on docs the
 * embedded stores write, as Frappe stamps them on insert and on every save, so that the embedded events carry the
 * same whole docs a site's do. Immutable and thread-safe.
 */
public final class FrappeStamps {
    /** Frappe's user when nobody is logged in to a script: who the embedded messenger saves as by default. */
    public static final String ADMINISTRATOR = "Administrator";

    private final Clock clock;
    private final String user;

    public FrappeStamps(Clock clock, String user) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.user = Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
    }

    /** The doc as inserted: the meta fields it lacks set (given ones kept), {@code modified} now. */
    public Map<String, Object> inserted(String doctype, Map<String, ?> doc) {
        String now = FrappeDates.format(now());
        Map<String, Object> stamped = new LinkedHashMap<>(doc);
        stamped.put("doctype", doctype);
        stamped.putIfAbsent("owner", user);
        stamped.putIfAbsent("creation", now);
        stamped.put("modified", now);
        stamped.put("modified_by", user);
        stamped.putIfAbsent("docstatus", 0);
        stamped.putIfAbsent("idx", 0);
        return stamped;
    }

    /** The changes of a save of a stored doc, with {@code modified} and {@code modified_by} of this save. */
    public Map<String, Object> saved(Map<String, ?> changes) {
        Map<String, Object> stamped = new LinkedHashMap<>(changes);
        stamped.put("modified", FrappeDates.format(now()));
        stamped.put("modified_by", user);
        return stamped;
    }

    /**
     * The conversation with a row appended to its {@code status_log} for its current status, by this user, now: what
     * the Messenger Conversation controller's before_save does when the status changed.
     */
    public MessengerConversation withStatusLogRow(MessengerConversation c) {
        List<Object> log = new ArrayList<>();
        if (c.extra().get("status_log") instanceof List<?> rows) {
            log.addAll(rows);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", c.status());
        row.put("changed_by", user);
        row.put("changed_on", FrappeDates.format(now()));
        log.add(row);
        return c.mergedWith(Map.of("status_log", log));
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    public String user() {
        return user;
    }

    /** A random name like Frappe's hash naming ({@code prefix} and 16 hex digits), unique across processes. */
    public static String randomName(String prefix) {
        byte[] bytes = new byte[8];
        RandomHolder.RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static final class RandomHolder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
