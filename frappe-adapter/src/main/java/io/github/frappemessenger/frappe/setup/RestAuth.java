package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;

/** Who the API token belongs to ({@code frappe.auth.get_logged_user}): the first check, since all others need it. */
record RestAuth(Check check, String user) {
    static final String NAME = "rest auth";

    static RestAuth of(FrappeClient frappe) {
        try {
            String user = String.valueOf(frappe.callMethod("frappe.auth.get_logged_user", null));
            if (user.equals("Guest")) {
                return new RestAuth(Check.failed(NAME, frappe.baseUrl() + " took the call as Guest: the API key and"
                        + " secret were not accepted"), null);
            }
            return new RestAuth(Check.ready(NAME, frappe.baseUrl() + " accepts the token of " + user), user);
        } catch (FrappeException e) {
            return new RestAuth(Check.failed(NAME, Failures.describe(e, "call frappe.auth.get_logged_user")), null);
        }
    }

    boolean ok() {
        return user != null;
    }
}
