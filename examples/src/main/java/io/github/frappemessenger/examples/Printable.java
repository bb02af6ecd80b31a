package io.github.frappemessenger.examples;

/** Text from a user or a file, made safe for one log line: control characters shown as \\uXXXX, length bounded. */
final class Printable {
    private static final int MAX = 120;

    private Printable() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= MAX && text.length() > MAX ? out + "..." : out.toString();
    }
}
