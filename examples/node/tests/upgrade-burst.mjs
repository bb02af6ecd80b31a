// socket.io-client 4 (Node, the browser's engine.io-client) against `serve` while a burst of events is broadcast:
// sockets that open with polling and upgrade to websocket in the middle of the burst must each hear every event
// after the position their resume answer gave, once and in order, and the burst's last event without waiting for
// anything else to be sent. Run by UpgradeBurstTest (JUnit), which publishes the burst when this script prints
// BURST and answers "DONE <head offset>" when it has published the last event.
// Args: BASE_URL SITE TOKEN SOCKETS. Prints "ok <step>" lines, then PASS (exit 0) or fails.
import { io } from "socket.io-client";
import { createInterface } from "node:readline";
import { deepStrictEqual, ok } from "node:assert/strict";

const [base, site, token, socketsArg] = process.argv.slice(2);
const SOCKETS = Number(socketsArg);
const headers = { Origin: base, Cookie: "system_user=yes", Authorization: "token " + token };
const stdin = createInterface({ input: process.stdin });
const answers = [];
let waiting = null;
stdin.on("line", (l) => (waiting ? (waiting(l), (waiting = null)) : answers.push(l)));
const nextAnswer = () => new Promise((r) => (answers.length ? r(answers.shift()) : (waiting = r)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function open(transports) {
  const s = io(base + "/" + site, { extraHeaders: headers, reconnection: false, forceNew: true, transports });
  const client = { socket: s, offsets: [], from: null, upgradedAt: null, heardBeforeUpgrade: 0 };
  s.on("messenger:resume", (d) => (client.from = d.offset));
  s.onAny((event, payload, pos) => {
    if (event !== "messenger:resume") {
      client.offsets.push(pos.offset);
    }
  });
  s.io.on("open", () => s.io.engine.on("upgrade", () => {
    client.upgradedAt = Date.now();
    client.heardBeforeUpgrade = client.offsets.length;
  }));
  return client;
}

const until = async (what, test, ms) => {
  const deadline = Date.now() + ms;
  while (!test()) {
    ok(Date.now() < deadline, what);
    await sleep(20);
  }
};

const reference = open(["websocket"]);
await until("the websocket-only socket connects", () => reference.from !== null, 10000);
console.log("BURST");
const clients = [];
for (let i = 0; i < SOCKETS; i++) {
  clients.push(open(["polling", "websocket"]));
  await sleep(15);
}
const done = await nextAnswer();
ok(done.startsWith("DONE "), done);
const head = Number(done.slice(5));
// The burst's last event reaches every socket at once; nothing else is sent afterwards (the next ping is 25 s away),
// so an event left behind in a socket's queue would show here as a socket short of the head.
await until("every socket hears the burst's last event (offset " + head + ")",
  () => [reference, ...clients].every((c) => c.offsets.at(-1) === head), 10000);
const upgradedInBurst = clients.filter((c) => c.upgradedAt !== null && c.heardBeforeUpgrade > 0).length;
ok(clients.every((c) => c.socket.io.engine.transport.name === "websocket"), "every socket upgraded");
for (const c of [reference, ...clients]) {
  ok(c.from !== null, "resume answer heard");
  const expected = [];
  for (let o = c.from + 1; o <= head; o++) {
    expected.push(o);
  }
  deepStrictEqual(c.offsets, expected, "every event after offset " + c.from + " once, in order");
}
console.log("ok " + SOCKETS + " sockets upgraded during a burst of " + head + " events (" + upgradedInBurst
  + " heard events on polling first); each heard every event after its resume position once, in order");
for (const c of [reference, ...clients]) {
  c.socket.close();
}
console.log("PASS");
process.exit(0);
