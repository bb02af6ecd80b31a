package io.github.frappemessenger.frappe.bridge;

/** A bridge setting that is missing or unusable; its message is one line naming the variable. */
public final class MissingSettingException extends RuntimeException {
    private final String variable;

    public MissingSettingException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
