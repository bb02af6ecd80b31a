// Load clients for `broadcast`: N socket.io-client 4 sockets (websocket) on one namespace, each counting the
// "bench:tick" events it hears and their latency (now - payload.t, same machine clock). Prints "ready" once all are
// connected, then one JSON line when every socket heard EXPECTED events or nothing arrived for IDLE_MS (with the
// latency histogram, so that `broadcast` can merge several client processes).
// A server that gives each event a stream position (serve: {epoch, offset} as the second argument) is resumed from
// as the inbox page does: a socket that was closed (an overloaded client misses pings) reconnects with the position
// of the last event it heard in its connect auth, gets what it missed, and skips an event it already heard. A
// server without positions (the Node relay) is reconnected to as well, and what a socket missed meanwhile is lost.
// Args: URL NAMESPACE TOKEN SITE N EXPECTED.
import { io } from "socket.io-client";

const [url, namespace, token, site, n, expected] = process.argv.slice(2);
const N = Number(n);
const EXPECTED = Number(expected);
const IDLE_MS = 30000; // long enough for a GC pause or a burst of reconnects on a loaded machine
const histogram = new Uint32Array(60001); // 1 ms buckets up to 60 s
const counts = new Uint32Array(N);
const positions = new Array(N).fill(null); // {epoch, offset} of the last event each socket heard
let total = 0;
let last = Date.now();
let connected = 0;
let reconnects = 0; // connects after a socket's first
let recovered = 0; // resume answers that replayed what the socket missed
let notRecovered = 0; // resume answers of a reconnect that could not (a gap beyond the server's history)
let replayed = 0; // events the recovered resumes replayed
let duplicates = 0; // events heard again (a replay overlapping what had arrived), skipped
let readyCpu = null; // this process's CPU use when every socket was connected
const sockets = [];
// Sockets connect in batches of 50 (a thousand handshakes at once time out on a small machine), and retry if refused.
function open(i) {
  let connects = 0;
  const s = io(url + namespace, {
    transports: ["websocket"], forceNew: true, reconnectionDelay: 500, timeout: 60000,
    extraHeaders: { Origin: url, Cookie: "sid=Guest", Authorization: "token " + token, "X-Frappe-Site-Name": site },
    auth: (cb) => cb(positions[i] ? { epoch: positions[i].epoch, offset: positions[i].offset } : {}),
  });
  s.on("connect", () => {
    connects++;
    if (connects > 1) {
      reconnects++;
      return;
    }
    connected++;
    if (connected === N) {
      readyCpu = process.cpuUsage();
      console.log("ready");
    }
  });
  s.on("messenger:resume", (d) => {
    if (connects > 1 || positions[i] !== null) {
      if (d.recovered) {
        recovered++;
        replayed += d.missed;
      } else {
        notRecovered++;
      }
    }
  });
  s.on("disconnect", (reason) => {
    if (reason === "io server disconnect") {
      s.connect(); // the server closed it (a ping answered too late): the client does not retry by itself, the page does
    }
  });
  s.on("connect_error", (e) => {
    console.error("socket " + i + ": " + e.message);
  });
  s.on("bench:tick", (p, pos) => {
    if (pos && typeof pos.offset === "number") {
      const had = positions[i];
      if (had && had.epoch === pos.epoch && pos.offset <= had.offset) {
        duplicates++;
        return;
      }
      positions[i] = { epoch: pos.epoch, offset: pos.offset };
    }
    const now = Date.now();
    histogram[Math.min(60000, Math.max(0, now - p.t))]++;
    counts[i]++;
    total++;
    last = now;
  });
  sockets.push(s);
}
for (let i = 0; i < N; i++) {
  open(i);
  if (i % 50 === 49) {
    const target = i + 1;
    while (connected < target) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function cpuSeconds(usage) {
  return Math.round((usage.user + usage.system) / 10000) / 100;
}

function percentile(q) {
  let seen = 0;
  const target = Math.ceil(total * q);
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms];
    if (seen >= target && seen > 0) {
      return ms;
    }
  }
  return null;
}

// The summary: when every socket heard EXPECTED events ("complete"), nothing arrived for IDLE_MS while every socket
// was connected ("idle": a socket still reconnecting may yet resume), or the JVM ran out of time and asked by writing
// a line to stdin ("asked": what was not heard by then counts as lost).
let reported = false;
function report(ended) {
  if (reported) {
    return;
  }
  reported = true;
  clearInterval(timer);
  let min = Infinity;
  for (const c of counts) {
    min = Math.min(min, c);
  }
  const hist = {}; // the non-empty 1 ms buckets, so that the summaries of several processes can be merged
  histogram.forEach((count, ms) => {
    if (count > 0) {
      hist[ms] = count;
    }
  });
  const line = JSON.stringify({
    sockets: N, connected, expected: EXPECTED * N, received: total, min_per_socket: min, ended,
    lost: EXPECTED * N - total, p50_ms: percentile(0.5), p99_ms: percentile(0.99), max_ms: percentile(1), hist,
    reconnects, resumes_recovered: recovered, resumes_not_recovered: notRecovered, replayed, duplicates,
    cpu_s_since_ready: readyCpu ? cpuSeconds(process.cpuUsage(readyCpu)) : null,
  });
  for (const s of sockets) {
    s.close();
  }
  // A pipe takes a long line in pieces: exit once all of it is written (console.log then exit cut it at 128 KiB).
  process.stdout.write(line + "\n", () => process.exit(0));
}

const timer = setInterval(() => {
  if (counts.every((c) => c >= EXPECTED)) {
    report("complete");
  } else if (connected >= N && total > 0 && Date.now() - last > IDLE_MS && sockets.every((s) => s.connected)) {
    report("idle");
  }
}, 100);
process.stdin.on("data", () => report("asked"));
process.stdin.on("end", () => process.exit(1)); // the JVM that started us is gone
