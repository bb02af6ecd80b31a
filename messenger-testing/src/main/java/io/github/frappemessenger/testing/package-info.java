/**
 * The test kit, as OkHttp's mockwebserver is for HTTP: {@link io.github.frappemessenger.testing.FrappeStandIn} (a
 * Frappe site's REST API over real HTTP), {@link io.github.frappemessenger.testing.FrappeWebhooks} (its webhooks,
 * tried as Frappe tries them), {@link io.github.frappemessenger.testing.MessengerDocs} (Messenger docs) and
 * {@link io.github.frappemessenger.testing.RecordingPublisher} (the realtime events, kept). Depend on it with scope
 * {@code test}; docs/testing.md shows a whole test.
 */
package io.github.frappemessenger.testing;
