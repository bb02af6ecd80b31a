/**
 * How a Frappe site calls the bridge: its Webhooks (docs/protocol.md §4) verified by {@link
 * io.github.frappemessenger.frappe.webhook.WebhookSignature}, answered by the server-neutral {@link
 * io.github.frappemessenger.frappe.webhook.WebhookHandler}, dispatched through the doc-event registry built by {@link
 * io.github.frappemessenger.frappe.webhook.MessengerWebhookHooks}, and served over HTTP by {@link
 * io.github.frappemessenger.frappe.webhook.WebhookServer}.
 */
package io.github.frappemessenger.frappe.webhook;
