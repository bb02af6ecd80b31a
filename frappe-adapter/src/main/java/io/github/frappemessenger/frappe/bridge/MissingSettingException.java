package io.github.frappemessenger.frappe.bridge;

import java.util.List;

/**
 * Settings that are missing or unusable, all of them at once; its message is one line naming each variable and its
 * problem, e.g. {@code FRAPPE_API_KEY is not set; REDIS_URL is not set}.
 */
public final class MissingSettingException extends RuntimeException {
    private final List<String> variables;

    public MissingSettingException(String variable, String problem) {
        this(List.of(variable), List.of(variable + " " + problem));
    }

    /** One exception for several settings: {@code problems.get(i)} is the whole sentence about {@code variables.get(i)}. */
    public MissingSettingException(List<String> variables, List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        if (variables.isEmpty() || variables.size() != problems.size()) {
            throw new IllegalArgumentException("one problem per variable, at least one");
        }
        this.variables = List.copyOf(variables);
    }

    /** The first variable named. */
    public String variable() {
        return variables.get(0);
    }

    /** Every variable named, in the order they were read. */
    public List<String> variables() {
        return variables;
    }
}
