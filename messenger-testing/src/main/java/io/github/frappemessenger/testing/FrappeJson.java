package io.github.frappemessenger.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON as a Frappe site writes it: a webhook body is Python's {@code json.dumps(data)} — separators {@code ", "} and
 * {@code ": "}, non-ASCII escaped as {@code \\uXXXX} — and the REST answers are JSON too. Thread-safe.
 */
final class FrappeJson {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final ObjectMapper PYTHON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build()
            .setDefaultPrettyPrinter(new PythonSeparators());
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private FrappeJson() {
    }

    /** {@code json.dumps(doc)}: the bytes Frappe posts and signs. */
    static byte[] dumps(Object value) {
        try {
            return PYTHON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(Object value) {
        try {
            return PLAIN.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object read(String text) {
        try {
            return PLAIN.readValue(text, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
    }

    static Map<String, Object> readObject(String text) {
        try {
            return PLAIN.readValue(text, OBJECT);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
        }
    }

    /** Python's default separators: a space after each comma and colon, no newlines. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
