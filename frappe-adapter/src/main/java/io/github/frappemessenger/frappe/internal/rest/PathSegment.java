package io.github.frappemessenger.frappe.internal.rest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One doc name or DocType as a URL path segment that cannot address any other URL: every byte of its UTF-8 form
 * except the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) is percent-encoded, so {@code /}, {@code %},
 * {@code ?}, {@code #}, spaces and control characters (a newline too) stay inside the segment. A name that is
 * exactly {@code .} or {@code ..} is refused: URL libraries and servers resolve it (also as {@code %2E%2E}) as a dot
 * segment, so no path can carry it. Stateless and thread-safe.
 */
public final class PathSegment {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegment() {
    }

    /** {@code value}, percent-encoded for {@code HttpUrl.Builder.addEncodedPathSegment}. */
    public static String encode(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("the " + what + " '" + value + "' cannot be sent as a URL path segment:"
                    + " it would be resolved as a dot segment and address another URL");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (unreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
