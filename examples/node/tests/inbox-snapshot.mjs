// The web inbox in headless Chromium: a read of the API that is answered after events were applied must not undo
// them. The page's first read of the conversations (which its resume answer starts) is held until a message posted
// meanwhile has been shown live; the stale answer then arrives, and a second message follows. Both conversations
// must be listed, newest first. (InboxPageTest met this once as "conversations appear, newest first" timing out on a
// busy machine: the first conversation was deleted by a slow first read that did not contain it.)
// Run by InboxSnapshotTest (JUnit). Args: BASE_URL TOKEN. Prints "ok <step>" lines, then PASS.
import { deepStrictEqual } from "node:assert/strict";
import { launchChromium, postIncoming } from "./inbox-helpers.mjs";

const [base, token] = process.argv.slice(2);
const step = (s) => console.log("ok " + s);

const incoming = (name, sender, platform, message) => postIncoming(base, token, { name, sender, platform, message });

const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on("pageerror", (e) => console.log("page error: " + e.message));
  let release;
  const released = new Promise((r) => (release = r));
  let held = null;
  const heldSeen = new Promise((resolve) => {
    page.route("**/api/conversations", async (route) => {
      if (held !== null) {
        await route.continue();
        return;
      }
      held = await route.fetch(); // the snapshot as it is now: before the first message
      resolve();
      await released;
      await route.fulfill({ response: held });
    });
  });
  await page.goto(base + "/");
  await page.getByLabel("API token (key:secret)").fill(token);
  await page.keyboard.press("Enter");
  await heldSeen;
  step("the page's first read of the conversations is held, its answer taken before any message");

  const a = await incoming("SNAP-A1", "+49 151 2345 6789", "WhatsApp", "Is the sofa still available?");
  await page.locator(`[data-conversation="${a.conversation}"]`).waitFor({ timeout: 10000 });
  step("a message posted meanwhile is shown live");

  const answered = page.waitForEvent("requestfinished", (r) => new URL(r.url()).pathname === "/api/conversations");
  release();
  await answered;
  const b = await incoming("SNAP-B1", "anna.k", "Instagram", "Do you ship to Vienna?");
  await page.waitForFunction(([x, y]) => {
    const names = Array.from(document.querySelectorAll("[data-conversation]")).map((e) => e.dataset.conversation);
    return names.length === 2 && names[0] === y && names[1] === x;
  }, [a.conversation, b.conversation], { timeout: 10000 }).catch(async () => {
    const names = await page.locator("[data-conversation]").evaluateAll((els) => els.map((e) => e.dataset.conversation));
    deepStrictEqual(names, [b.conversation, a.conversation], "the list after the stale read and a second message");
  });
  step("the stale answer did not undo the live message: both conversations listed, newest first");
  console.log("PASS");
} finally {
  await browser.close();
}
