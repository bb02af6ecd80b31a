#!/usr/bin/env node
// A small stand-in for Frappe's realtime server, for tests (docs/protocol.md, "Realtime"). It is NOT Frappe's code.
//
// Redis side: subscribes to one channel (default "events"); each message is the JSON that
// frappe.publish_realtime PUBLISHes: {"event", "message", "room", "namespace"}. It is emitted as
// `event` with `message` as the only argument, to Socket.IO namespace "/<namespace>", room `room`.
//
// Socket.IO side: any namespace is accepted by the router, then a middleware applies Frappe's rules:
// the namespace must be the site name, Origin and Host must name the same host, a Cookie header must be
// present, and a `sid` cookie or an Authorization header must be sent. Instead of asking the site who the
// user is (get_user_info), a fixed table maps tokens (and optionally sids) to users.
//
// Configuration (environment, or --name=value on the command line with the same names in lower case
// without the RELAY_ prefix, e.g. --port=0 --tokens=...):
//   RELAY_PORT      port to listen on; 0 (default) picks a free one. "listening <port>" is printed on stdout
//                   once both Redis and the HTTP server are ready.
//   REDIS_URL       default redis://127.0.0.1:6379
//   RELAY_CHANNEL   default "events"
//   RELAY_TOKENS    "key:secret=user[,key2:secret2=user2]": Authorization "token key:secret" -> System User
//   RELAY_SIDS      "sid=user[,...]": sid cookies of System Users; the sid "Guest" is always a guest
//   RELAY_AUTH_ORDER  "token-first" (default): an Authorization header decides, as current Frappe does;
//                   "sid-first": a sid cookie, when there is one, decides and the token is ignored, as Frappe v15
//                   did before its March 2025 backport (a client sending sid=Guest plus a token joins as Guest)
//   RELAY_EXIT_ON_STDIN_END  "1": exit when stdin closes (so a crashed test JVM leaves no relay behind)

"use strict";

const http = require("http");
const { Server } = require("socket.io");
const { createClient } = require("redis");

function readConfig(argv, env) {
  const args = {};
  for (const arg of argv) {
    const match = /^--([a-z_-]+)=(.*)$/.exec(arg);
    if (match) args[match[1].replace(/-/g, "_")] = match[2];
  }
  const pick = (name, fallback) => args[name] ?? env["RELAY_" + name.toUpperCase()] ?? fallback;
  return {
    port: Number(pick("port", "0")),
    redisUrl: args.redis_url ?? env.REDIS_URL ?? "redis://127.0.0.1:6379",
    channel: pick("channel", "events"),
    tokens: parseTable(pick("tokens", "")),
    sids: parseTable(pick("sids", "")),
    authOrder: pick("auth_order", "token-first"),
    exitOnStdinEnd: pick("exit_on_stdin_end", "0") === "1",
  };
}

// "a=b,c=d" -> Map {a => b, c => d}; the key may itself hold ':' (key:secret), the user is after the last '='.
function parseTable(text) {
  const table = new Map();
  for (const entry of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    if (at <= 0) throw new Error(`bad table entry '${entry}', expected key=user`);
    table.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return table;
}

function hostnameOf(value) {
  if (!value) return null;
  try {
    return new URL(value.includes("://") ? value : "http://" + value).hostname;
  } catch (e) {
    return null;
  }
}

function parseCookies(header) {
  const cookies = {};
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return cookies;
}

// The site a request is for, in Frappe's order of preference (no bench default site here).
function siteNameOf(headers) {
  return headers["x-frappe-site-name"] || hostnameOf(headers.origin) || hostnameOf(headers.host);
}

// Who is connecting: {user, systemUser} or an Error whose message the client sees in connect_error.
function identify(headers, config) {
  const auth = headers.authorization;
  const sidFirst = config.authOrder === "sid-first" && parseCookies(headers.cookie).sid;
  if (auth && !sidFirst) {
    const token = /^token\s+(.+)$/i.exec(auth);
    const user = token && config.tokens.get(token[1].trim());
    return user ? { user, systemUser: true } : new Error("Unauthorized: unknown token");
  }
  const sid = parseCookies(headers.cookie).sid;
  if (sid === "Guest") return { user: "Guest", systemUser: false };
  const user = config.sids.get(sid);
  return user ? { user, systemUser: true } : new Error("Unauthorized: unknown sid");
}

function frappeRules(config) {
  return (socket, next) => {
    const headers = socket.request.headers;
    if (socket.nsp.name.slice(1) !== siteNameOf(headers)) return next(new Error("Invalid namespace"));
    if (hostnameOf(headers.host) !== hostnameOf(headers.origin)) return next(new Error("Invalid origin"));
    if (!headers.cookie) return next(new Error("No cookie transmitted."));
    if (!parseCookies(headers.cookie).sid && !headers.authorization) {
      return next(new Error("No authentication method used."));
    }
    const who = identify(headers, config);
    if (who instanceof Error) return next(who);
    socket.data.user = who.user;
    socket.data.systemUser = who.systemUser;
    next();
  };
}

function joinRooms(socket) {
  socket.join("user:" + socket.data.user);
  socket.join("website");
  if (socket.data.systemUser) socket.join("all");
}

function relay(io, text) {
  let message;
  try {
    message = JSON.parse(text);
  } catch (e) {
    console.error("relay: ignoring a message that is not JSON:", text.slice(0, 200));
    return;
  }
  if (!message || typeof message.event !== "string" || !message.namespace) {
    console.error("relay: ignoring a message without event or namespace");
    return;
  }
  const nsp = io.of("/" + message.namespace);
  if (message.room) nsp.to(message.room).emit(message.event, message.message);
  else nsp.emit(message.event, message.message);
}

async function main() {
  const config = readConfig(process.argv.slice(2), process.env);
  if (!["token-first", "sid-first"].includes(config.authOrder)) {
    throw new Error(`RELAY_AUTH_ORDER must be token-first or sid-first, got '${config.authOrder}'`);
  }
  const httpServer = http.createServer();
  const io = new Server(httpServer, { cors: { origin: true, credentials: true } });
  const sites = io.of(/^\/.+$/);
  sites.use(frappeRules(config));
  sites.on("connection", joinRooms);

  const subscriber = createClient({ url: config.redisUrl });
  subscriber.on("error", (e) => console.error("relay: redis:", e.message));
  await subscriber.connect();
  await subscriber.subscribe(config.channel, (text) => relay(io, text));

  httpServer.listen(config.port, "127.0.0.1", () => {
    console.log("listening " + httpServer.address().port);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    io.close();
    subscriber.quit().catch(() => {}).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  if (config.exitOnStdinEnd) {
    process.stdin.on("end", stop);
    process.stdin.resume();
  }
}

main().catch((e) => {
  console.error("relay: " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
