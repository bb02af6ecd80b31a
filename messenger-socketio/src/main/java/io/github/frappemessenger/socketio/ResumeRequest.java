package io.github.frappemessenger.socketio;

import java.util.Map;

/**
 * A client's "I have seen up to here": the {@code epoch} and {@code offset} of the last event it got, taken from the
 * Socket.IO v4 connect auth ({@code io(url, {auth: {epoch, offset}})}). The offset may be a number or a decimal
 * string (socket.io-client-java sends strings).
 */
record ResumeRequest(String epoch, long offset) {

    /** Null when the auth object carries no usable position (a fresh client). */
    static ResumeRequest from(Object auth) {
        if (!(auth instanceof Map<?, ?> m)) {
            return null;
        }
        Object epoch = m.get("epoch");
        Object offset = m.get("offset");
        if (!(epoch instanceof String e) || e.isBlank() || offset == null) {
            return null;
        }
        try {
            long o = offset instanceof Number n ? n.longValue() : Long.parseLong(offset.toString().strip());
            return o < 0 ? null : new ResumeRequest(e, o);
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
