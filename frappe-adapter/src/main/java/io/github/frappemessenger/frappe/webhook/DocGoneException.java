package io.github.frappemessenger.frappe.webhook;

/**
 * A delivery for a doc the site does not have (deleted, or never committed): nothing was changed, and the
 * {@link WebhookHandler} answers 200 with {@code "gone": true}, so that Frappe does not retry it.
 */
final class DocGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DocGoneException(String doctype, String name) {
        super(doctype + " " + name + " is not on the site", null, false, false);
    }
}
