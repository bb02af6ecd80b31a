package io.github.frappemessenger.event;

import java.util.Objects;

/**
 * A Socket.IO room of a Frappe site (no site prefix: the site is the namespace). Build one with the factories.
 * {@code website} (every connection, guests included) cannot be built: conversation data never goes there.
 */
public record Room(String name) {

    /** Frappe's guest room; named here only so that it can be refused. */
    static final String WEBSITE = "website";

    public Room {
        Objects.requireNonNull(name, "room name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("room name is blank");
        }
        if (name.equals(WEBSITE)) {
            throw new IllegalArgumentException(
                    "room 'website' reaches guests; messenger events go to 'all' or to a user or doc room");
        }
    }

    /** Every System User connected to the site: where Frappe CRM sends the messenger events. */
    public static Room all() {
        return new Room("all");
    }

    public static Room user(String userId) {
        return new Room("user:" + requireText(userId, "user id"));
    }

    public static Room doctype(String doctype) {
        return new Room("doctype:" + requireText(doctype, "doctype"));
    }

    public static Room doc(String doctype, String docName) {
        return new Room("doc:" + requireText(doctype, "doctype") + "/" + requireText(docName, "doc name"));
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
