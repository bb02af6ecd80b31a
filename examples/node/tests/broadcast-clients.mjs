// Load clients for `broadcast`: N socket.io-client 4 sockets (websocket) on one namespace, each counting the
// "bench:tick" events it hears and their latency (now - payload.t, same machine clock). Prints "ready" once all are
// connected, then one JSON line when every socket heard EXPECTED events or nothing arrived for IDLE_MS (with the
// latency histogram, so that `broadcast` can merge several client processes).
// Args: URL NAMESPACE TOKEN SITE N EXPECTED.
import { io } from "socket.io-client";

const [url, namespace, token, site, n, expected] = process.argv.slice(2);
const N = Number(n);
const EXPECTED = Number(expected);
const IDLE_MS = 10000;
const histogram = new Uint32Array(60001); // 1 ms buckets up to 60 s
const counts = new Uint32Array(N);
let total = 0;
let last = Date.now();
let connected = 0;
let readyCpu = null; // this process's CPU use when every socket was connected
const sockets = [];
// Sockets connect in batches of 50 (a thousand handshakes at once time out on a small machine), and retry if refused.
function open(i) {
  const s = io(url + namespace, {
    transports: ["websocket"], forceNew: true, reconnectionDelay: 500, timeout: 60000,
    extraHeaders: { Origin: url, Cookie: "sid=Guest", Authorization: "token " + token, "X-Frappe-Site-Name": site },
  });
  s.on("connect", () => {
    connected++;
    if (connected === N) {
      readyCpu = process.cpuUsage();
      console.log("ready");
    }
  });
  s.on("connect_error", (e) => {
    console.error("socket " + i + ": " + e.message);
  });
  s.on("bench:tick", (p) => {
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

// The summary: when every socket heard EXPECTED events ("complete"), nothing arrived for IDLE_MS ("idle"), or the
// JVM ran out of time and asked by writing a line to stdin ("asked": what was not heard by then counts as lost).
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
  } else if (connected >= N && total > 0 && Date.now() - last > IDLE_MS) {
    report("idle");
  }
}, 100);
process.stdin.on("data", () => report("asked"));
process.stdin.on("end", () => process.exit(1)); // the JVM that started us is gone
