package io.github.frappemessenger.hooks;

import java.util.Optional;

/** Frappe's document events, by the names hooks.py and Webhooks use. */
public enum DocEvent {
    BEFORE_INSERT("before_insert"),
    BEFORE_VALIDATE("before_validate"),
    VALIDATE("validate"),
    BEFORE_SAVE("before_save"),
    AFTER_INSERT("after_insert"),
    ON_UPDATE("on_update"),
    ON_CHANGE("on_change"),
    ON_SUBMIT("on_submit"),
    ON_CANCEL("on_cancel"),
    ON_TRASH("on_trash"),
    ON_UPDATE_AFTER_SUBMIT("on_update_after_submit");

    private final String hookName;

    DocEvent(String hookName) {
        this.hookName = hookName;
    }

    public String hookName() {
        return hookName;
    }

    /** The event named {@code name} (e.g. {@code on_update}), or empty when Frappe has no such doc event. */
    public static Optional<DocEvent> fromHookName(String name) {
        for (DocEvent e : values()) {
            if (e.hookName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
