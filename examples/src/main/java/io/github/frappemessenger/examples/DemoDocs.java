package io.github.frappemessenger.examples;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.MessengerException;
import io.github.frappemessenger.model.MessengerConversation;
import java.util.Map;
import java.util.Optional;

/**
 * Saves one doc of the demo's input format, shared by {@code demo} (a JSON line) and {@code serve}
 * ({@code POST /api/messages}): a Messenger Message by {@code name} (insert or update), or, with
 * {@code "doctype": "Messenger Conversation"}, a save of an existing conversation named by {@code name} or by
 * {@code platform} and {@code sender_id}. Answers null when the doc was saved, else why it was not, in one
 * printable line.
 */
public final class DemoDocs {
    private DemoDocs() {
    }

    /** True when the doc is a Messenger Conversation, not a message. */
    public static boolean isConversation(Map<String, Object> doc) {
        return MessengerConversation.DOCTYPE.equals(doc.get("doctype"));
    }

    /** Saves the doc; null when saved, else the reason it was refused (one printable line). */
    public static String save(Messenger messenger, Map<String, Object> doc) {
        if (isConversation(doc)) {
            return saveConversation(messenger, doc);
        }
        Object name = doc.get("name");
        if (name == null || name.toString().isBlank()) {
            return "the doc has no 'name'";
        }
        Object timestamp = doc.get("timestamp");
        if ((timestamp == null || timestamp.toString().isBlank())
                && messenger.messages().get(name.toString()).isEmpty()) {
            return "the doc has no 'timestamp' (a new message needs one, e.g. \"2026-11-20 10:00:00\")";
        }
        return attempt(() -> messenger.save(doc));
    }

    private static String saveConversation(Messenger messenger, Map<String, Object> doc) {
        Object name = doc.get("name");
        if (name == null || name.toString().isBlank()) {
            Object platform = doc.get("platform");
            Object sender = doc.get("sender_id");
            if (platform == null || sender == null) {
                return "the conversation doc has no 'name' (nor 'platform' and 'sender_id' to find it by)";
            }
            Optional<MessengerConversation> found = messenger.conversations().find(platform.toString(),
                    sender.toString());
            if (found.isEmpty()) {
                return "no conversation of sender " + Printable.of(sender.toString()) + " on "
                        + Printable.of(platform.toString());
            }
            doc.put("name", found.get().name());
        }
        return attempt(() -> messenger.saveConversation(doc));
    }

    private static String attempt(Runnable save) {
        try {
            save.run();
            return null;
        } catch (MessengerException | IllegalArgumentException e) {
            return Printable.of(e.getMessage());
        } catch (RuntimeException e) {
            return "could not be saved: " + Printable.of(String.valueOf(e));
        }
    }
}
