package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.internal.setup.MessengerSchema;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.ListQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that the user behind the API token holds every right the bridge uses, and names each one it lacks. The user
 * is who {@code frappe.auth.get_logged_user} says; its roles are the {@code roles} table of its User doc plus the
 * roles Frappe gives everyone ({@code All}, {@code Guest}). A DocType's rights are its Custom DocPerm rows when the
 * site has any for it (they replace the DocType's own, as in Frappe's Role Permissions Manager), else the DocType's
 * {@code permissions}; only level-0 rows count. Not thread-safe.
 */
final class ApiUserRights {
    /** A right the bridge needs. */
    record Right(String doctype, String ptype, String why) {
    }

    static final List<Right> NEEDED = List.of(
            new Right(MessengerSchema.CONVERSATION, "read", "finds the conversation of a sender"),
            new Right(MessengerSchema.CONVERSATION, "create", "opens a new sender's conversation"),
            new Right(MessengerSchema.CONVERSATION, "write", "moves the last message forward"),
            new Right(MessengerSchema.CONVERSATION, "delete", "removes a duplicate conversation two bridges made"),
            new Right(MessengerSchema.MESSAGE, "read", "counts unread messages"),
            new Right(MessengerSchema.MESSAGE, "write", "links a message to its conversation"),
            new Right(MessengerSchema.SETTINGS, "read", "reads Enabled"),
            new Right("Error Log", "create", "records a Messenger Update Error"),
            new Right("User", "read", "reads who holds a role, for MESSENGER_ROOMS=assigned"));
    /** Frappe's own DocTypes whose rights only System Manager holds. */
    private static final Set<String> SYSTEM_MANAGER_ONLY = Set.of("Error Log", "User");

    private final FrappeClient frappe;
    private final Map<String, Optional<List<Map<String, Object>>>> perms = new HashMap<>();

    ApiUserRights(FrappeClient frappe) {
        this.frappe = frappe;
    }

    /** {@code user}: who the token belongs to, as {@link RestAuth} found. */
    List<Check> run(String user) {
        List<Check> checks = new ArrayList<>();
        if (user.equals("Administrator")) {
            checks.add(Check.ready("api user", "the token is Administrator's, who holds every right"));
            return checks;
        }
        Set<String> roles = new LinkedHashSet<>(List.of("All", "Guest"));
        try {
            Optional<Map<String, Object>> doc = frappe.getDoc("User", user);
            if (doc.isEmpty()) {
                checks.add(Check.failed("api user", "Frappe says the token is " + user + "'s, but has no such User"));
                return checks;
            }
            DocTypeSetup.rows(doc.get().get("roles")).forEach(r -> roles.add(String.valueOf(r.get("role"))));
        } catch (FrappeException e) {
            checks.add(Check.failed("api user " + user, Failures.describe(e, "read its own User doc")
                    + "; its rights cannot be checked"));
            return checks;
        }
        checks.add(Check.ready("api user", user + " with roles " + String.join(", ",
                roles.stream().filter(r -> !r.equals("All") && !r.equals("Guest")).toList())));
        for (Right right : NEEDED) {
            checks.add(check(user, roles, right));
        }
        return checks;
    }

    private Check check(String user, Set<String> roles, Right right) {
        String name = "right " + right.ptype() + " " + right.doctype();
        if (SYSTEM_MANAGER_ONLY.contains(right.doctype())) {
            return roles.contains(MessengerSchema.SYSTEM_MANAGER)
                    ? Check.ready(name, "by role System Manager (the bridge " + right.why() + ")")
                    : Check.notReady(name, user + " lacks it: only System Manager may " + right.ptype() + " "
                    + right.doctype() + " (the bridge " + right.why() + ")");
        }
        Optional<List<Map<String, Object>>> rows;
        try {
            rows = rowsOf(right.doctype());
        } catch (FrappeException e) {
            if (e.kind() == FrappeException.Kind.AUTH && e.status() == 403) {
                return Check.notReady(name, "cannot be checked: only System Manager may read a DocType's permissions,"
                        + " and " + user + " is not one (it needs System Manager for the Error Log anyway)");
            }
            return Check.failed(name, Failures.describe(e, "read DocType " + right.doctype()));
        }
        if (rows.isEmpty()) {
            return Check.notReady(name, "DocType " + right.doctype() + " does not exist yet");
        }
        Optional<String> by = rows.get().stream()
                .filter(r -> String.valueOf(r.getOrDefault("permlevel", 0)).equals("0"))
                .filter(r -> DocTypeSetup.truthy(r.get(right.ptype())))
                .map(r -> String.valueOf(r.get("role"))).filter(roles::contains).findFirst();
        return by.map(role -> Check.ready(name, "by role " + role))
                .orElseGet(() -> Check.notReady(name, user + " lacks it (the bridge " + right.why()
                        + "): give the user a role with " + right.ptype() + " on " + right.doctype()
                        + ", e.g. System Manager"));
    }

    private Optional<List<Map<String, Object>>> rowsOf(String doctype) {
        Optional<List<Map<String, Object>>> known = perms.get(doctype);
        if (known != null) {
            return known;
        }
        Optional<Map<String, Object>> doc = frappe.getDoc("DocType", doctype);
        Optional<List<Map<String, Object>>> rows = doc.map(d -> {
            List<Map<String, Object>> custom = customDocPerms(doctype);
            return custom.isEmpty() ? DocTypeSetup.rows(d.get("permissions")) : custom;
        });
        perms.put(doctype, rows);
        return rows;
    }

    private List<Map<String, Object>> customDocPerms(String doctype) {
        try {
            return frappe.getList(ListQuery.builder("Custom DocPerm")
                    .fields("role", "permlevel", "read", "write", "create", "delete")
                    .where("parent", "=", doctype).limitPageLength(0).build());
        } catch (FrappeException e) {
            if (e.kind() == FrappeException.Kind.AUTH) {
                return List.of(); // only System Manager reads them; the DocType's own rows are the best we know
            }
            throw e;
        }
    }
}
