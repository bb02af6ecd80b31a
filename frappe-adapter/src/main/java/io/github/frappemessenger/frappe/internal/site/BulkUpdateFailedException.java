package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.MessengerException;

/**
 * Frappe saved the {@code frappe.client.bulk_update} but listed a doc in {@code failed_docs} for a reason other than
 * its absence (a validation or permission error): the message says which doc and the exception Frappe raised, e.g.
 * "Frappe could not save Messenger Message MSG-7 in frappe.client.bulk_update: frappe.exceptions.ValidationError:
 * ...". Transient: the webhook is retried (the link has not been recorded), as after any failed write.
 */
public final class BulkUpdateFailedException extends MessengerException {
    private static final long serialVersionUID = 1L;

    public BulkUpdateFailedException(String doctype, String docname, String exception) {
        super("Frappe could not save " + doctype + " " + docname + " in frappe.client.bulk_update: " + exception,
                true);
    }
}
