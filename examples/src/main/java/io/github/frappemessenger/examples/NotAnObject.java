package io.github.frappemessenger.examples;

/** Names, in plain words, what a line holds when it is valid-looking JSON but not an object. */
final class NotAnObject {
    private NotAnObject() {
    }

    /** Null when the line starts like a JSON object; else why it is not one. */
    static String describe(String line) {
        String text = line.strip();
        if (text.startsWith("\ufeff")) {
            text = text.substring(1).strip();
        }
        if (text.startsWith("{")) {
            return null;
        }
        char first = text.charAt(0);
        String what;
        if (first == '[') {
            what = "an array";
        } else if (first == '"') {
            what = "a string";
        } else if (first == '-' || Character.isDigit(first)) {
            what = "a number";
        } else if (text.startsWith("true") || text.startsWith("false")) {
            what = "a boolean";
        } else if (text.startsWith("null")) {
            what = "null";
        } else {
            return "not a JSON object: not JSON at all (starts with '" + Printable.of(String.valueOf(first)) + "')";
        }
        return "not a JSON object: the line is " + what + "; each line must be one Messenger Message doc {...}";
    }
}
