package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.internal.setup.BridgeWebhook;
import io.github.frappemessenger.frappe.internal.setup.MessengerSchema;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a Frappe site ready for the messenger over its REST API, idempotently: the role {@value
 * MessengerSchema#AGENT_ROLE}, the DocTypes of {@link MessengerSchema} (created as custom DocTypes when missing; an
 * existing one is checked and each missing field reported, never changed), the records their defaults need, one
 * enabled and signed Webhook per doc event the bridge handles, and a check of the API user's rights. It creates what
 * is missing and changes nothing that exists, so a second run creates nothing.
 *
 * <pre>{@code
 * SiteReport report = SiteSetup.builder(frappe)
 *     .bridgeUrl("http://10.0.0.5:8787")       // the bridge as the site reaches it
 *     .webhookSecret(secret)                  // the bridge's WEBHOOK_SECRET
 *     .build()
 *     .run();                                 // or check(): the same report, creating nothing
 * }</pre>
 *
 * Immutable; each call runs on the calling thread and starts nothing.
 */
public final class SiteSetup {
    private final FrappeClient frappe;
    private final String bridgeUrl;
    private final String webhookSecret;

    private SiteSetup(Builder b) {
        this.frappe = b.frappe;
        this.bridgeUrl = b.bridgeUrl;
        this.webhookSecret = b.webhookSecret;
    }

    public static Builder builder(FrappeClient frappe) {
        return new Builder(frappe);
    }

    /** Creates what is missing; reports every item. */
    public SiteReport run() {
        if (webhookSecret == null) {
            throw new IllegalStateException("run() creates signed Webhooks: set webhookSecret");
        }
        return report(true);
    }

    /** Changes nothing; reports what is ready and what is not. */
    public SiteReport check() {
        return report(false);
    }

    private SiteReport report(boolean create) {
        List<Check> checks = new ArrayList<>();
        RestAuth auth = RestAuth.of(frappe);
        checks.add(auth.check());
        if (!auth.ok()) {
            return new SiteReport(checks); // every other call would fail the same way
        }
        checks.add(role(create));
        checks.addAll(new DocTypeSetup(frappe, create).run());
        checks.addAll(new WebhookSetup(frappe, bridgeUrl, webhookSecret, create).run());
        checks.addAll(new ApiUserRights(frappe).run(auth.user()));
        return new SiteReport(checks);
    }

    private Check role(boolean create) {
        String name = "role " + MessengerSchema.AGENT_ROLE;
        try {
            if (frappe.getDoc("Role", MessengerSchema.AGENT_ROLE).isPresent()) {
                return Check.ready(name, "exists");
            }
            if (!create) {
                return Check.notReady(name, "missing; setup creates it (desk access, for the users who work the inbox)");
            }
            frappe.insert("Role", new java.util.HashMap<>(Map.of("role_name", MessengerSchema.AGENT_ROLE,
                    "desk_access", 1)));
            return Check.created(name, "desk role for the users who work the inbox; give it to them in the desk");
        } catch (FrappeException e) {
            return Check.failed(name, Failures.describe(e, "read or create Roles"));
        }
    }

    /** Configures a {@link SiteSetup}. Not thread-safe. */
    public static final class Builder {
        private final FrappeClient frappe;
        private String bridgeUrl;
        private String webhookSecret;

        private Builder(FrappeClient frappe) {
            this.frappe = Objects.requireNonNull(frappe, "frappe");
        }

        /** The bridge's base URL as the Frappe site reaches it, e.g. {@code http://10.0.0.5:8787}. Required. */
        public Builder bridgeUrl(String url) {
            if (bridgeUrl != null) {
                throw new IllegalStateException("bridgeUrl is already set");
            }
            String u = Objects.requireNonNull(url, "bridgeUrl").strip();
            if (okhttp3.HttpUrl.parse(u) == null) {
                throw new IllegalArgumentException("bridgeUrl must be an http or https URL, got '" + u + "'");
            }
            this.bridgeUrl = BridgeWebhook.stripSlash(u);
            return this;
        }

        /** The secret the Webhooks sign with: the bridge's WEBHOOK_SECRET. Required for {@link #run()}. */
        public Builder webhookSecret(String secret) {
            if (webhookSecret != null) {
                throw new IllegalStateException("webhookSecret is already set");
            }
            if (Objects.requireNonNull(secret, "webhookSecret").isBlank()) {
                throw new IllegalArgumentException("webhookSecret must not be blank");
            }
            this.webhookSecret = secret;
            return this;
        }

        public SiteSetup build() {
            if (bridgeUrl == null) {
                throw new IllegalStateException("bridgeUrl is required");
            }
            return new SiteSetup(this);
        }
    }
}
