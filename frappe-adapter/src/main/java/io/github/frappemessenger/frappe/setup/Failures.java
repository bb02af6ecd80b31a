package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.rest.FrappeException;

/** One-line descriptions of Frappe's refusals, with the fix when it is a missing right. */
final class Failures {
    private Failures() {
    }

    /** {@code what} completes "the API user may not ..." when Frappe answered 401 or 403. */
    static String describe(FrappeException e, String what) {
        if (e.kind() == FrappeException.Kind.AUTH) {
            if (e.status() == 401) {
                return "Frappe does not accept the API key and secret (401): generate them again in the user's"
                        + " API Access section";
            }
            return "the API user may not " + what + " (Frappe answered 403 " + e.excType().orElse("PermissionError")
                    + "): give it the System Manager role";
        }
        return e.getMessage();
    }
}
