package io.github.frappemessenger.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * Feeds JSON lines of Messenger Message docs to the embedded messenger: a name not seen before is an insert, a
 * name seen before an update of that message. A bad line is reported as {@code line N: reason} and skipped.
 */
final class DocLineReader {
    private static final TypeReference<Map<String, Object>> DOC = new TypeReference<>() {
    };

    private final BufferedReader lines;
    private final EmbeddedMessenger messenger;
    private final PrintStream err;
    private final ObjectMapper mapper = new ObjectMapper();

    DocLineReader(BufferedReader lines, EmbeddedMessenger messenger, PrintStream err) {
        this.lines = lines;
        this.messenger = messenger;
        this.err = err;
    }

    /** Plays every line; returns how many were bad. */
    int readAll() throws IOException {
        int bad = 0;
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String problem = play(line);
            if (problem != null) {
                bad++;
                err.println("line " + number + ": " + problem);
            }
        }
        return bad;
    }

    /** Returns null when the line was played, else why it was skipped. */
    private String play(String line) {
        Map<String, Object> doc;
        try {
            doc = mapper.readValue(line, DOC);
        } catch (JsonProcessingException e) {
            return "not a JSON object: " + e.getOriginalMessage();
        }
        if (doc == null) {
            return "not a JSON object: null";
        }
        Object name = doc.get("name");
        if (name == null || name.toString().isBlank()) {
            return "the doc has no 'name'";
        }
        try {
            messenger.save(doc);
            return null;
        } catch (MessengerValidationException | IllegalArgumentException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "could not be saved: " + e;
        }
    }
}
