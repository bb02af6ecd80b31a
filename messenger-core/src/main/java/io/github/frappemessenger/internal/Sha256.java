package io.github.frappemessenger.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a text's UTF-8 bytes, in lower-case hex. Thread-safe. Not part of the API. */
public final class Sha256 {
    private Sha256() {
    }

    /** All 64 hex digits. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** The first {@code digits} hex digits (even, 2 to 64): short keys that hide the text, e.g. a phone number. */
    public static String hex(String text, int digits) {
        if (digits < 2 || digits > 64 || digits % 2 != 0) {
            throw new IllegalArgumentException("digits must be even, 2 to 64: " + digits);
        }
        return HexFormat.of().formatHex(digest(text), 0, digits / 2);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
