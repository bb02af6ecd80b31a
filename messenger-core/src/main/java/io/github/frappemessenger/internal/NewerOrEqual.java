package io.github.frappemessenger.internal;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Frappe CRM's rule for a conversation's last message: a message becomes the last one when its time is at least
 * that of the current last message (equal times: the later save wins), so a late, older message never moves a
 * conversation backwards. With no current time anything wins; a message without a time never replaces one that has
 * one. Not part of the API.
 */
public final class NewerOrEqual {
    private NewerOrEqual() {
    }

    public static boolean wins(@Nullable LocalDateTime candidate, @Nullable LocalDateTime current) {
        return current == null || (candidate != null && !candidate.isBefore(current));
    }
}
