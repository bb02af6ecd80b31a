// The web inbox in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core), against `serve`.
// Args: BASE_URL TOKEN SHOTS_DIR. Run by InboxPageTest (JUnit), which starts serve and restarts it when this script
// prints RESTART (it answers RESTARTED on stdin). Prints "ok <step>" lines, then PASS.
import { chromium } from "playwright-core";
import { createInterface } from "node:readline";
import { strictEqual, deepStrictEqual, ok } from "node:assert/strict";

const [base, token, shots] = process.argv.slice(2);
const stdin = createInterface({ input: process.stdin });
const answers = [];
let waiting = null;
stdin.on("line", (l) => (waiting ? (waiting(l), (waiting = null)) : answers.push(l)));
const nextAnswer = () => new Promise((r) => (answers.length ? r(answers.shift()) : (waiting = r)));
const step = (s) => console.log("ok " + s);

// Timestamps that always increase and follow the real clock, as the server's stamps of the page's replies do.
let clock = 0;
function ts() {
  clock = Math.max(clock + 1, Date.now());
  return new Date(clock).toISOString().replace("T", " ").slice(0, 23) + "000";
}

async function post(doc) {
  const res = await fetch(base + "/api/messages", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "token " + token },
    body: JSON.stringify(doc),
  });
  const body = await res.json();
  ok(res.ok, "POST /api/messages: " + res.status + " " + JSON.stringify(body));
  return body.message;
}

const incoming = (name, sender, platform, message, extra = {}) => post({
  name, sender_id: sender, platform, message_direction: "Incoming", message, timestamp: ts(), is_read: 0,
  content_type: "text", status: "received", ...extra,
});

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  async function signIn(viewport, path = "/") {
    const page = await (await browser.newContext({ viewport })).newPage();
    page.on("pageerror", (e) => console.log("page error: " + e.message));
    await page.goto(base + path);
    await page.getByLabel("API token (key:secret)").fill(token);
    await page.keyboard.press("Enter");
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: 10000 });
    return page;
  }
  const listOrder = (page) => page.locator("[data-conversation]").evaluateAll((els) => els.map((e) => e.dataset.conversation));
  const thread = (page) => page.locator("#messages [data-message]").evaluateAll((els) => els.map((e) => e.dataset.message));
  const badge = (page, conv) => page.locator(`[data-conversation="${conv}"] .badge`);

  const page = await signIn({ width: 1280, height: 800 });
  step("signed in with the keyboard; the page says Live");

  const a1 = await incoming("E2E-A1", "+49 151 2345 6789", "WhatsApp", "Hi! Is the blue sofa still available?");
  const b1 = await incoming("E2E-B1", "anna.k", "Instagram", "Do you ship to Vienna?");
  const A = a1.conversation;
  const B = b1.conversation;
  await page.locator(`[data-conversation="${B}"]`).waitFor();
  await page.waitForFunction(([a, b]) => {
    const names = Array.from(document.querySelectorAll("[data-conversation]")).map((e) => e.dataset.conversation);
    return names.indexOf(b) === 0 && names.includes(a);
  }, [A, B]);
  step("conversations appear, newest first");

  await page.locator(`[data-conversation="${A}"]`).focus();
  await page.keyboard.press("Enter");
  await page.locator('[data-message="E2E-A1"]').waitFor();
  await badge(page, A).waitFor({ state: "detached" });
  step("opened with the keyboard; read marking cleared its badge");

  // Three samples on a machine that may be busy; the median must be under a second.
  const samples = [];
  let a2 = null;
  for (const [name, text] of [["E2E-A2", "And does it come in green?"], ["E2E-A3", "Or grey?"], ["E2E-A4", "Price?"]]) {
    const t0 = Date.now();
    const m = await incoming(name, "+49 151 2345 6789", "WhatsApp", text);
    a2 = a2 || m;
    await page.locator(`[data-message="${name}"]`).waitFor({ timeout: 5000 });
    samples.push(Date.now() - t0);
  }
  const live = samples.slice().sort((x, y) => x - y)[1];
  ok(live < 1000, "shown after " + samples.join(", ") + " ms");
  await page.waitForFunction(([a, b]) => {
    const names = Array.from(document.querySelectorAll("[data-conversation]")).map((e) => e.dataset.conversation);
    return names[0] === a && names[1] === b;
  }, [A, B]);
  step("a message posted to the API is shown in " + live + " ms (median of " + samples.join(", ") + "); the list re-sorted");

  await incoming("E2E-B2", "anna.k", "Instagram", "Or to Graz?");
  await incoming("E2E-B3", "anna.k", "Instagram", "Thanks!");
  await page.waitForFunction((b) => document.querySelector(`[data-conversation="${b}"] .badge`)?.textContent === "3", B);
  deepStrictEqual((await listOrder(page)).slice(0, 2), [B, A]);
  strictEqual(await badge(page, A).count(), 0);
  step("the other conversation moved up with badge 3");

  await page.getByLabel("Reply").fill("Yes, it is. Green too.");
  await page.keyboard.press("Enter");
  await page.locator(".message.outgoing", { hasText: "Yes, it is. Green too." }).waitFor();
  const apiThread = await (await fetch(base + "/api/conversations/" + encodeURIComponent(A) + "/messages",
    { headers: { Authorization: "token " + token } })).json();
  ok(apiThread.messages.some((m) => m.message_direction === "Outgoing" && m.message === "Yes, it is. Green too."));
  await page.waitForFunction((a) => document.querySelector("[data-conversation]")?.dataset.conversation === a, A);
  step("replying works (saved, shown, list re-sorted)");

  await incoming("E2E-A-IMG", "+49 151 2345 6789", "WhatsApp", "", { content_type: "image", attach: null });
  await page.waitForTimeout(400);
  strictEqual(await page.locator('[data-message="E2E-A-IMG"]').count(), 0, "an image without its file is not shown");
  await post({ name: "E2E-A-IMG", attach: "/files/green-sofa.jpg" });
  await page.locator('[data-message="E2E-A-IMG"]').waitFor();
  await post(a2); // the same doc again, as a webhook retried by its sender
  await page.waitForTimeout(300);
  strictEqual(await page.locator('[data-message="E2E-A2"]').count(), 1, "a message heard twice is shown once");
  strictEqual(await page.locator('[data-message="E2E-A-IMG"]').count(), 1);
  step("attachments wait for their file; duplicates are shown once");

  await page.screenshot({ path: shots + "/inbox-desktop.png" });
  const phone = await signIn({ width: 390, height: 780 });
  await phone.screenshot({ path: shots + "/inbox-phone.png" });
  await phone.locator(`[data-conversation="${A}"]`).click();
  await phone.locator('[data-message="E2E-A1"]').waitFor();
  ok(await phone.getByRole("button", { name: "Back to the conversations" }).isVisible());
  await phone.screenshot({ path: shots + "/inbox-phone-thread.png" });
  await phone.context().close();
  step("screenshots (desktop, phone list, phone thread)");

  // While its socket is down a page polls the unread counts (every 30 s; 300 ms here through ?poll=). The socket is
  // closed by the page itself, so it stays down: the new badge can only come from a poll.
  const poller = await signIn({ width: 1280, height: 800 }, "/?poll=300");
  strictEqual(await poller.evaluate(() => window.messengerInbox.pollMs), 300);
  await poller.waitForFunction((b) => document.querySelector(`[data-conversation="${b}"] .badge`)?.textContent === "3", B);
  let polls = 0;
  poller.on("request", (r) => (new URL(r.url()).pathname === "/api/conversations" ? polls++ : 0));
  await poller.evaluate(() => window.messengerInbox.socket.disconnect());
  await poller.locator('#connection[data-state="reconnecting"]').waitFor();
  await incoming("E2E-B4", "anna.k", "Instagram", "Hello?");
  await poller.waitForFunction((b) => document.querySelector(`[data-conversation="${b}"] .badge`)?.textContent === "4", B,
    { timeout: 15000 });
  ok(polls > 0, "the badge changed without a poll");
  strictEqual(await poller.evaluate(() => window.messengerInbox.socket.connected), false, "the socket came back");
  await poller.context().close();
  step("socket down: the unread badge changed through polling (" + polls + " polls)");

  // The socket is cut while 20 messages arrive: after the reconnect each is shown once, in order.
  await page.evaluate(() => window.messengerInbox.socket.io.engine.close());
  const cut = [];
  for (let i = 1; i <= 20; i++) {
    cut.push((await incoming("E2E-CUT-" + String(i).padStart(2, "0"), "+49 151 2345 6789", "WhatsApp", "while cut " + i)).name);
  }
  await page.locator('[data-message="E2E-CUT-20"]').waitFor({ timeout: 15000 });
  deepStrictEqual((await thread(page)).filter((n) => n.startsWith("E2E-CUT-")), cut);
  step("socket cut while 20 messages arrived: each shown once, in order");

  // The server restarts (same file database); messages saved right after are shown once, in order, as is the rest.
  console.log("RESTART");
  strictEqual(await nextAnswer(), "RESTARTED");
  const after = [];
  for (let i = 1; i <= 5; i++) {
    after.push((await incoming("E2E-AFTER-" + i, "+49 151 2345 6789", "WhatsApp", "after restart " + i)).name);
  }
  await page.locator('[data-message="E2E-AFTER-5"]').waitFor({ timeout: 20000 });
  await page.locator('#connection[data-state="live"]').waitFor();
  const expected = (await (await fetch(base + "/api/conversations/" + encodeURIComponent(A) + "/messages",
    { headers: { Authorization: "token " + token } })).json()).messages.map((m) => m.name);
  deepStrictEqual(await thread(page), expected);
  step("after a server restart every message is shown once, in order (" + expected.length + ")");
  console.log("PASS");
} finally {
  await browser.close();
  stdin.close();
}
