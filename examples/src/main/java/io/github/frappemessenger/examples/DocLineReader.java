package io.github.frappemessenger.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.Messenger;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Feeds JSON lines of Messenger Message docs to the embedded messenger: a name not seen before is an insert, a
 * name seen before an update of that message. A line with {@code "doctype": "Messenger Conversation"} is a save of
 * that (existing) conversation, e.g. an agent blocking it or changing its status. A bad line is reported as
 * {@code line N: reason} and skipped: bytes that are not UTF-8, text that is not one JSON object, a doc without {@code name}, a new message without
 * {@code timestamp} (the demo never invents a time), or a doc that validate refuses.
 */
final class DocLineReader {
    private static final TypeReference<Map<String, Object>> DOC = new TypeReference<>() {
    };

    private final ByteLines lines;
    private final Messenger messenger;
    private final PrintStream err;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(1024);
    private int badByte;

    DocLineReader(InputStream input, Messenger messenger, PrintStream err) {
        this.lines = new ByteLines(input);
        this.messenger = messenger;
        this.err = err;
    }

    /** Plays every line; returns how many were bad. */
    int readAll() throws IOException {
        int bad = 0;
        int number = 0;
        for (int length = lines.next(); length >= 0; length = lines.next()) {
            number++;
            String problem = play(lines.bytes(), length);
            if (problem != null) {
                bad++;
                err.println("line " + number + ": " + problem);
            }
        }
        return bad;
    }

    /** Returns null when the line was played (or blank), else why it was skipped. */
    private String play(byte[] bytes, int length) {
        String line = decode(bytes, length);
        if (line == null) {
            return String.format("not UTF-8 text (byte %d is 0x%02x); skipped", badByte + 1, bytes[badByte] & 0xff);
        }
        if (line.isBlank()) {
            return null;
        }
        String notObject = NotAnObject.describe(line);
        if (notObject != null) {
            return notObject;
        }
        Map<String, Object> doc;
        try {
            doc = mapper.readValue(line, DOC);
        } catch (JsonProcessingException e) {
            return "not a JSON object: broken JSON at column " + e.getLocation().getColumnNr();
        }
        return DemoDocs.save(messenger, doc);
    }

    /** The line as text, or null (and {@link #badByte} set) when its bytes are not UTF-8. */
    private String decode(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        if (chars.capacity() < length) {
            chars = CharBuffer.allocate(length);
        }
        chars.clear();
        CoderResult result = utf8.reset().decode(in, chars, true);
        if (result.isError()) {
            badByte = in.position();
            return null;
        }
        utf8.flush(chars);
        return chars.flip().toString();
    }
}
