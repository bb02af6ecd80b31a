package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.ListQuery;
import java.util.List;
import java.util.Map;

/**
 * Whether the site's background workers run: Frappe sends Webhooks from background jobs, so without a worker every
 * delivery waits in the queue and the bridge hears nothing. Read from the {@code RQ Worker} list (a virtual DocType of
 * Frappe v15, System Manager only); a site that cannot list it gets a warning, not a verdict.
 */
final class BackgroundWorkers {
    static final String NAME = "background workers";

    private BackgroundWorkers() {
    }

    static Check of(FrappeClient frappe) {
        try {
            List<Map<String, Object>> workers = frappe.getList(ListQuery.builder("RQ Worker").fields("name")
                    .limitPageLength(0).build());
            if (workers.isEmpty()) {
                return Check.notReady(NAME, "none runs: Frappe queues every Webhook and sends none; start them (bench"
                        + " start on a development bench, the supervisor or systemd workers in production)");
            }
            return Check.ready(NAME, workers.size() + " running (they send the Webhooks)");
        } catch (FrappeException e) {
            return Check.warning(NAME, "cannot tell: the RQ Worker list is not readable here (" + e.getMessage()
                    + "); bench doctor shows the workers");
        }
    }
}
