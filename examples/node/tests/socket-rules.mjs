// socket.io-client 4 (Node) against `serve`: Frappe's connection rules (refusals included), rooms, and the events
// of the demo scenario deep-equal to what `demo` prints. Run by ServeNodeClientTest (JUnit), which starts serve.
// Args: BASE_URL SITE TOKEN SCENARIO_FILE EXPECTED_FILE. Prints "ok <step>" lines, then "PASS" (exit 0) or fails.
import { io } from "socket.io-client";
import { readFileSync } from "node:fs";
import { deepStrictEqual, strictEqual, ok } from "node:assert/strict";

const [base, site, token, scenarioFile, expectedFile] = process.argv.slice(2);
const host = new URL(base).host;
const deskHeaders = { Origin: base, Cookie: "system_user=yes", Authorization: "token " + token };

function open(namespace, headers, extra = {}) {
  return io(base + namespace, { extraHeaders: headers, reconnection: false, forceNew: true, ...extra });
}

function refusal(namespace, headers) {
  return new Promise((resolve, reject) => {
    const s = open(namespace, headers);
    const timer = setTimeout(() => { s.close(); reject(new Error("no answer for " + namespace)); }, 10000);
    s.on("connect", () => { clearTimeout(timer); s.close(); reject(new Error("connected to " + namespace)); });
    s.on("connect_error", (e) => { clearTimeout(timer); s.close(); resolve(e.message); });
  });
}

function connected(namespace, headers) {
  return new Promise((resolve, reject) => {
    const s = open(namespace, headers);
    const heard = [];
    s.onAny((event, payload, pos) => {
      if (event !== "messenger:resume") {
        heard.push({ event, payload, pos });
      }
    });
    const timer = setTimeout(() => reject(new Error("could not connect")), 10000);
    s.on("messenger:resume", () => { clearTimeout(timer); resolve({ socket: s, heard }); });
    s.on("connect_error", (e) => { clearTimeout(timer); reject(e); });
  });
}

const step = (name) => console.log("ok " + name);

strictEqual(await refusal("/other.site", deskHeaders), "Invalid namespace");
strictEqual(await refusal("/", deskHeaders), "Invalid namespace");
strictEqual(await refusal("/" + site, { ...deskHeaders, "X-Frappe-Site-Name": "other.site" }), "Invalid namespace");
step("namespace");
strictEqual(await refusal("/" + site, { ...deskHeaders, Origin: "http://evil.example" }), "Invalid origin");
strictEqual(await refusal("/" + site, { Cookie: "sid=Guest", Authorization: "token " + token }), "Invalid origin");
step("origin");
strictEqual(await refusal("/" + site, { Origin: base }), "No cookie transmitted.");
strictEqual(await refusal("/" + site, { Origin: base, Cookie: "system_user=yes" }),
  "No authentication method used. Use cookie or authorization header.");
strictEqual(await refusal("/" + site, { ...deskHeaders, Authorization: "token " + token + "x" }), "Unauthorized");
strictEqual(await refusal("/" + site, { Origin: base, Cookie: "sid=not-a-session" }), "Unauthorized");
step("auth refusals");

const guest = await connected("/" + site, { Origin: base, Cookie: "sid=Guest" });
const agent = await connected("/" + site, deskHeaders);
const viaWebsocket = await connected("/" + site, deskHeaders, { transports: ["websocket"] });
step("connect (polling, websocket)");

// The demo scenario through the API, one doc per request, as a feeder would send it.
const lines = readFileSync(scenarioFile, "utf8").split("\n").filter((l) => l.trim());
for (const line of lines) {
  const res = await fetch(base + "/api/messages", {
    method: "POST", body: line, headers: { "Content-Type": "application/json", Authorization: "token " + token },
  });
  ok(res.status === 200 || res.status === 201, "POST /api/messages answered " + res.status);
}
// A doc's creation and modified, and a status log row's changed_on, are the save's own clock: two runs
// of the same scenario cannot share them, so both sides are compared without them.
const withoutSaveTimes = (value) => {
  if (Array.isArray(value)) return value.map(withoutSaveTimes);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !["creation", "modified", "changed_on"].includes(k))
    .map(([k, v]) => [k, withoutSaveTimes(v)]));
};
const expected = readFileSync(expectedFile, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l))
  .map((e) => ({ event: e.event, payload: withoutSaveTimes(e.message) }));
const deadline = Date.now() + 10000;
while ((agent.heard.length < expected.length || viaWebsocket.heard.length < expected.length) && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 50));
}
for (const client of [agent, viaWebsocket]) {
  const heard = client.heard.map(({ event, payload }) => ({ event, payload: withoutSaveTimes(payload) }));
  const i = heard.findIndex((h, k) => JSON.stringify(h) !== JSON.stringify(expected[k]));
  if (i >= 0) {
    console.log("first difference at event " + i + ": heard " + JSON.stringify(heard[i]) + " expected "
      + JSON.stringify(expected[i]));
  }
  deepStrictEqual(heard, expected);
  const offsets = client.heard.map((h) => h.pos.offset);
  deepStrictEqual(offsets, offsets.map((_, i) => offsets[0] + i), "positions count up by one");
}
step("events deep-equal to demo (" + expected.length + ")");
await new Promise((r) => setTimeout(r, 300));
deepStrictEqual(guest.heard.map((h) => h.event), [], "the guest hears no conversation data");
step("guest hears nothing");
for (const c of [guest, agent, viaWebsocket]) {
  c.socket.close();
}
console.log("PASS");
process.exit(0);
