// The web inbox in headless Chromium: a live event older than what the page shows (its `version` at or below the
// one applied) is skipped. Events that two servers sharing one stream could deliver late are put into the page's
// socket (Playwright routes the websocket, passing the server's frames through): an older conversation_update, an
// older unread_update and an older block_status_update change nothing; a later event is then applied as usual.
// Run by InboxOrderPageTest (JUnit). Args: BASE_URL TOKEN. Prints "ok <step>" lines, then PASS.
import { ok, strictEqual } from "node:assert/strict";
import { launchChromium, postIncoming } from "./inbox-helpers.mjs";

const [base, token] = process.argv.slice(2);
const step = (s) => console.log("ok " + s);

const incoming = (name, sender, message) => postIncoming(base, token, { name, sender, message });

const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on("pageerror", (e) => console.log("page error: " + e.message));
  const frames = []; // what the server sent the page, as text
  let toPage = null;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    toPage = ws;
    server.onMessage((m) => {
      frames.push(String(m));
      ws.send(m);
    });
    ws.onMessage((m) => server.send(m));
  });
  await page.goto(base + "/");
  await page.getByLabel("API token (key:secret)").fill(token);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("connection").dataset.state === "live", null,
    { timeout: 20000 });

  const first = await incoming("ORDER-1", "order-sender", "first message");
  const conversation = first.conversation;
  await incoming("ORDER-2", "order-sender", "second message");
  const row = page.locator(`[data-conversation="${conversation}"]`);
  await row.locator(".badge", { hasText: "2" }).waitFor({ timeout: 10000 });
  strictEqual(await row.locator(".preview").textContent(), "second message");
  step("two messages shown live: preview 'second message', badge 2");

  // The events the page heard: Engine.IO message "4", Socket.IO event "2", then "/<site>," and [name, payload, pos].
  const events = frames.filter((f) => f.startsWith("42/")).map((f) => {
    const comma = f.indexOf(",");
    const [name, payload] = JSON.parse(f.slice(comma + 1));
    return { prefix: f.slice(0, comma + 1), name, payload };
  });
  const prefix = events[0].prefix;
  const highest = (name) => Math.max(...events.filter((e) => e.name === name && (e.payload.conversation_id === conversation
    || (e.payload.conversation && e.payload.conversation.name === conversation))).map((e) => e.payload.version));
  const doc = events.filter((e) => e.name === "messenger:conversation_update").pop().payload.conversation;
  const docVersion = highest("messenger:conversation_update");
  const unreadVersion = highest("messenger:unread_update");
  ok(docVersion > 1 && unreadVersion > 1, "versions heard: doc " + docVersion + ", unread " + unreadVersion);
  const send = (name, payload) => toPage.send(prefix + JSON.stringify([name, payload]));

  send("messenger:conversation_update", { conversation: Object.assign({}, doc, { last_message: "STALE" }),
    type: "update", version: docVersion - 1 });
  send("messenger:unread_update", { conversation_id: conversation, unread_count: 7, version: unreadVersion - 1 });
  send("messenger:block_status_update", { conversation_id: conversation, blocked: 1, version: docVersion });
  // A conversation of its own, after them on the same socket: once it is listed, the page has handled those three.
  send("messenger:conversation_update", { conversation: Object.assign({}, doc, { name: "ORDER-BARRIER",
    sender_id: "barrier", last_message: "barrier" }), type: "update", version: 1 });
  await page.locator('[data-conversation="ORDER-BARRIER"]').waitFor({ timeout: 10000 });
  ok(await row.count() === 1, "the conversation is still listed (an older block_status_update did not remove it)");
  strictEqual(await row.locator(".preview").textContent(), "second message", "an older conversation_update is skipped");
  strictEqual(await row.locator(".badge").textContent(), "2", "an older unread_update is skipped");
  step("older conversation_update, unread_update and block_status_update changed nothing");

  send("messenger:conversation_update", { conversation: Object.assign({}, doc, { last_message: "LATER" }),
    type: "update", version: docVersion + 100 });
  send("messenger:unread_update", { conversation_id: conversation, unread_count: 5, version: unreadVersion + 100 });
  await row.locator(".badge", { hasText: "5" }).waitFor({ timeout: 10000 });
  strictEqual(await row.locator(".preview").textContent(), "LATER");
  step("later events of the same conversation are applied");
  console.log("PASS");
} finally {
  await browser.close();
}
