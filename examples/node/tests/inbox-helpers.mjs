// What the web inbox scripts (inbox-order.mjs, inbox-snapshot.mjs) share: posting an incoming message through the
// serve API, and launching the machine's Chromium headless. Not a test of its own.
import { chromium } from "playwright-core";
import { ok } from "node:assert/strict";

/** Posts an incoming message through serve's API and returns the stored message as the API answers it. */
export async function postIncoming(base, token, { name, sender, platform = "Messenger", message }) {
  const res = await fetch(base + "/api/messages", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "token " + token },
    body: JSON.stringify({ name, sender_id: sender, platform, message_direction: "Incoming", message,
      timestamp: new Date().toISOString().replace("T", " ").slice(0, 23) + "000", is_read: 0, content_type: "text",
      status: "received" }),
  });
  const body = await res.json();
  ok(res.ok, "POST /api/messages: " + res.status + " " + JSON.stringify(body));
  return body.message;
}

/** The machine's Chromium, headless, without background network or component updates. */
export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}
