package io.github.frappemessenger.socketio;

/** Text from the network made safe for a log line: control characters escaped, length bounded. */
final class LogText {
    private static final int MAX = 200;

    private LogText() {
    }

    static String safe(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8);
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > MAX) {
            b.append("...");
        }
        return b.toString();
    }
}
