// The web inbox of `serve`: Messenger.vue's rules in plain JavaScript. State comes from the JSON API; the
// `messenger:*` events keep it live; the stream position of each event lets a reconnect resume without gaps
// (docs/realtime.md). No build step, no framework.
"use strict";
(function () {
  const ATTACHMENT_TYPES = ["image", "video", "audio", "file", "document"];
  // While the socket is down the page reads the conversations (unread counts) every 30 s; `?poll=<ms>` (at least
  // 200) sets another interval, which the end-to-end test uses to see a poll without waiting half a minute.
  const POLL_MS = pollInterval(new URLSearchParams(location.search).get("poll"));
  const $ = (id) => document.getElementById(id);
  const state = {
    site: null,
    conversations: new Map(), // name -> conversation doc with unread_count
    open: null, // name of the open conversation
    messages: new Map(), // name -> message doc of the open conversation
    position: null, // {epoch, offset} of the last event applied
    pollTimer: null,
    socket: null,
  };

  function pollInterval(asked) {
    const ms = Number(asked);
    return asked !== null && Number.isInteger(ms) && ms >= 200 ? ms : 30000;
  }

  async function api(method, path, body) {
    const res = await fetch(path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error(data.error || res.statusText);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  // ---- connection state -------------------------------------------------------------------------------------
  function setConnection(kind, text) {
    const el = $("connection");
    el.dataset.state = kind;
    el.textContent = text;
    if (kind === "live") {
      stopPolling();
    } else {
      startPolling();
    }
  }

  function startPolling() {
    if (state.pollTimer === null && state.site !== null) {
      state.pollTimer = setInterval(() => loadConversations().catch(() => {}), POLL_MS);
    }
  }

  function stopPolling() {
    if (state.pollTimer !== null) {
      clearInterval(state.pollTimer);
      state.pollTimer = null;
    }
  }

  // ---- conversations ----------------------------------------------------------------------------------------
  function upsertConversation(c, unread) {
    const old = state.conversations.get(c.name);
    const merged = Object.assign({}, old || {}, c);
    // A late, older event never moves the last message backwards.
    if (old && old.last_message_time && c.last_message_time && c.last_message_time < old.last_message_time) {
      merged.last_message = old.last_message;
      merged.last_message_time = old.last_message_time;
    }
    merged.unread_count = unread !== undefined ? unread : old ? old.unread_count || 0 : c.unread_count || 0;
    state.conversations.set(c.name, merged);
  }

  function sortedConversations() {
    return Array.from(state.conversations.values()).sort((a, b) => {
      const ta = a.last_message_time || "";
      const tb = b.last_message_time || "";
      return ta === tb ? a.name.localeCompare(b.name) : tb.localeCompare(ta);
    });
  }

  function renderList() {
    const ul = $("conversations");
    const rows = sortedConversations();
    $("empty-list").hidden = rows.length > 0;
    ul.replaceChildren(...rows.map((c) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.className = "conversation";
      b.dataset.conversation = c.name;
      if (c.name === state.open) {
        b.setAttribute("aria-current", "true");
      }
      const sender = document.createElement("span");
      sender.className = "sender";
      sender.textContent = c.sender_id || c.name;
      const platform = document.createElement("span");
      platform.className = "platform";
      platform.textContent = c.platform || "";
      sender.appendChild(platform);
      const time = document.createElement("span");
      time.className = "time";
      time.textContent = shortTime(c.last_message_time);
      const preview = document.createElement("span");
      preview.className = "preview";
      preview.textContent = c.last_message || "";
      b.append(sender, time, preview);
      const unread = c.unread_count || 0;
      if (unread > 0) {
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = String(unread);
        badge.setAttribute("aria-label", unread + " unread");
        b.appendChild(badge);
      }
      b.addEventListener("click", () => openConversation(c.name));
      li.appendChild(b);
      return li;
    }));
  }

  // A read of the API is a snapshot taken at some moment while events keep coming: one applied while the read was
  // on its way may be newer than the snapshot (a conversation created meanwhile is not in it). So each read notes
  // the events applied while it runs and applies them again on top of its snapshot; they carry whole states (a
  // conversation, a count, a status), so the page ends at the newest of both, whatever the order.
  const reads = new Set();

  async function read(path, apply) {
    const heard = [];
    reads.add(heard);
    try {
      const data = await api("GET", path);
      apply(data);
      for (const [event, payload] of heard) {
        handlers[event](payload, true);
      }
    } finally {
      reads.delete(heard);
    }
  }

  function loadConversations() {
    return read("/api/conversations", (data) => {
      const seen = new Set();
      for (const c of data.conversations) {
        upsertConversation(c, c.unread_count);
        seen.add(c.name);
      }
      for (const name of Array.from(state.conversations.keys())) {
        if (!seen.has(name)) {
          state.conversations.delete(name);
        }
      }
      renderList();
    });
  }

  // ---- the open conversation --------------------------------------------------------------------------------
  function visible(m) {
    // Messenger.vue: an attachment whose file has not arrived yet is not shown; its update with `attach` is.
    return !(ATTACHMENT_TYPES.includes(m.content_type) && !m.attach);
  }

  function addMessage(m) {
    const old = state.messages.get(m.name);
    state.messages.set(m.name, Object.assign({}, old || {}, m));
  }

  function renderMessages() {
    const ol = $("messages");
    const nearBottom = ol.scrollHeight - ol.scrollTop - ol.clientHeight < 80;
    const list = Array.from(state.messages.values()).filter(visible).sort((a, b) => {
      const ta = a.timestamp || "";
      const tb = b.timestamp || "";
      return ta === tb ? a.name.localeCompare(b.name) : ta.localeCompare(tb);
    });
    ol.replaceChildren(...list.map((m) => {
      const li = document.createElement("li");
      li.className = "message " + (m.message_direction === "Outgoing" ? "outgoing" : "incoming");
      li.dataset.message = m.name;
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = m.message || "";
      li.appendChild(text);
      if (m.attach) {
        const a = document.createElement("span");
        a.className = "attachment";
        a.textContent = "Attachment: " + String(m.attach).split("/").pop();
        li.appendChild(a);
      }
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = shortTime(m.timestamp) + (m.message_direction === "Outgoing" && m.status ? " · " + m.status : "");
      li.appendChild(meta);
      return li;
    }));
    if (nearBottom || ol.dataset.fresh === "1") {
      ol.scrollTop = ol.scrollHeight;
      ol.dataset.fresh = "";
    }
  }

  async function openConversation(name) {
    state.open = name;
    state.messages = new Map();
    const c = state.conversations.get(name);
    $("thread-title").textContent = c ? (c.sender_id || name) + (c.platform ? " · " + c.platform : "") : name;
    $("reply").hidden = false;
    $("app").classList.add("reading");
    $("messages").dataset.fresh = "1";
    renderList();
    await loadMessages();
    await markRead();
    $("reply-text").focus();
  }

  async function loadMessages() {
    if (!state.open) {
      return;
    }
    const name = state.open;
    await read("/api/conversations/" + encodeURIComponent(name) + "/messages", (data) => {
      if (state.open !== name) {
        return;
      }
      for (const m of data.messages) {
        addMessage(m);
      }
      $("messages").dataset.fresh = "1";
      renderMessages();
    });
  }

  async function markRead() {
    const name = state.open;
    const c = state.conversations.get(name);
    if (!name || !c || !(c.unread_count > 0)) {
      return;
    }
    await api("POST", "/api/conversations/" + encodeURIComponent(name) + "/read").catch(() => {});
  }

  // ---- events -----------------------------------------------------------------------------------------------
  // Each event's second argument is its stream position; one already applied (a replay overlap) is skipped.
  function fresh(pos) {
    if (!pos || typeof pos.offset !== "number") {
      return true;
    }
    if (state.position && state.position.epoch === pos.epoch && pos.offset <= state.position.offset) {
      return false;
    }
    state.position = { epoch: pos.epoch, offset: pos.offset };
    return true;
  }

  // Each payload's `version` rises with every event of its conversation (docs/events.md); two servers sharing one
  // stream, or a late retry, can deliver them out of order. As MessengerInbox does, the page keeps the highest
  // version applied for a conversation's doc, for its unread count apart, and for each message, and skips a live
  // event at or below it. An event without `version` always applies.
  const versions = new Map(); // "doc:"/"unread:" + conversation, "message:" + message name -> highest version
  function versionKey(event, d) {
    switch (event) {
      case "messenger:conversation_update":
        return d.conversation && "doc:" + d.conversation.name;
      case "messenger:block_status_update":
      case "messenger:conversation_status_update":
        return "doc:" + d.conversation_id;
      case "messenger:unread_update":
        return "unread:" + d.conversation_id;
      case "messenger:message_status_update":
        return "message:" + d.name;
      default:
        return d.message && "message:" + d.message.name;
    }
  }

  function inOrder(event, d) {
    const key = versionKey(event, d);
    if (!key || typeof d.version !== "number") {
      return true;
    }
    const applied = versions.get(key);
    if (applied !== undefined && d.version <= applied) {
      return false;
    }
    versions.set(key, d.version);
    return true;
  }

  const handlers = {
    "messenger:conversation_update": (d) => {
      if (d && d.conversation && d.conversation.name) {
        upsertConversation(d.conversation);
        renderList();
      }
    },
    "messenger:message_update": (d) => onMessage(d.conversation_id, d.message),
    "messenger:message_sent": (d) => onMessage(d.conversation_id, d.message),
    "messenger:message_auto_sent": (d) => onMessage(d.conversation_id, d.message),
    "messenger:unread_update": (d, again) => {
      const c = state.conversations.get(d.conversation_id);
      if (c) {
        c.unread_count = d.unread_count;
        renderList();
      }
      if (!again && d.conversation_id === state.open && d.unread_count > 0 && document.visibilityState === "visible") {
        markRead();
      }
    },
    "messenger:message_status_update": (d) => {
      const m = d && state.messages.get(d.name);
      if (m) {
        m.status = d.status;
        renderMessages();
      }
    },
    "messenger:block_status_update": (d) => {
      if (d && d.blocked) {
        state.conversations.delete(d.conversation_id);
        renderList();
      }
    },
  };

  function onMessage(conversationId, m) {
    if (!m || !m.name) {
      return;
    }
    if (conversationId === state.open || m.conversation === state.open) {
      addMessage(m);
      renderMessages();
    }
  }

  function connect() {
    const socket = io("/" + state.site, {
      path: "/socket.io",
      // A browser sends Origin on a websocket handshake but not on a same-origin polling GET, and the server keeps
      // Frappe's rule that the Origin's host be the Host's: so websocket only.
      transports: ["websocket"],
      withCredentials: true,
      reconnectionDelayMax: 5000,
      // Sent again on every reconnect: where this page stopped hearing (docs/realtime.md, "resume").
      auth: (cb) => cb(state.position ? { epoch: state.position.epoch, offset: state.position.offset } : {}),
    });
    state.socket = socket;
    socket.on("connect", () => setConnection("live", "Live"));
    socket.on("disconnect", (reason) => {
      setConnection("reconnecting", "Reconnecting…");
      if (reason === "io server disconnect") {
        socket.connect();
      }
    });
    socket.on("connect_error", (err) => {
      setConnection("offline", "Offline: " + (err && err.message ? err.message : "no connection"));
      if (!socket.active) {
        // Refused by the server's rules. "Unauthorized" may be an ended session: ask, and sign in again if so.
        api("GET", "/api/me").then(() => setTimeout(() => socket.connect(), 3000), (e) => {
          if (e.status === 401) {
            socket.close();
            showLogin();
          } else {
            setTimeout(() => socket.connect(), 3000);
          }
        });
      }
    });
    socket.on("messenger:resume", async (d) => {
      if (d.recovered) {
        if (!state.position || state.position.epoch !== d.epoch || state.position.offset < d.offset) {
          state.position = { epoch: d.epoch, offset: d.offset };
        }
        return;
      }
      // A fresh start, a new epoch or a gap beyond the server's history: read the state again.
      state.position = { epoch: d.epoch, offset: d.offset };
      try {
        await loadConversations();
        await loadMessages();
      } catch (e) {
        setConnection("offline", "Offline: " + e.message);
      }
    });
    socket.onAny((event, payload, pos) => {
      const handler = handlers[event];
      if (handler && fresh(pos) && inOrder(event, payload || {})) {
        handler(payload || {}, false);
        for (const heard of reads) {
          heard.push([event, payload || {}]);
        }
      }
    });
  }

  // ---- reply ------------------------------------------------------------------------------------------------
  async function sendReply(ev) {
    ev.preventDefault();
    const text = $("reply-text").value.trim();
    const c = state.conversations.get(state.open);
    if (!text || !c) {
      return;
    }
    $("reply-error").textContent = "";
    const doc = {
      name: "OUT-" + (crypto.randomUUID ? crypto.randomUUID() : Date.now() + "-" + Math.random()),
      conversation: c.name,
      sender_id: c.sender_id,
      platform: c.platform,
      message_direction: "Outgoing",
      message: text,
      content_type: "text",
      status: "sent",
      is_read: 1,
    };
    try {
      const saved = await api("POST", "/api/messages", doc);
      $("reply-text").value = "";
      onMessage(c.name, saved.message);
    } catch (e) {
      $("reply-error").textContent = "Not sent: " + e.message;
    }
  }

  function shortTime(t) {
    if (!t) {
      return "";
    }
    const today = new Date().toISOString().slice(0, 10);
    return t.slice(0, 10) === today ? t.slice(11, 16) : t.slice(0, 16);
  }

  // ---- start ------------------------------------------------------------------------------------------------
  async function start() {
    try {
      const me = await api("GET", "/api/me");
      state.site = me.site;
      $("who").textContent = me.user;
      $("login").hidden = true;
      $("app").hidden = false;
      connect(); // before the first read: the server's messenger:resume triggers it, so no event falls between
    } catch (e) {
      if (e.status === 401) {
        showLogin();
      } else {
        setConnection("offline", "Offline: " + e.message);
        setTimeout(start, 3000);
      }
    }
  }

  function showLogin() {
    $("app").hidden = true;
    $("login").hidden = false;
    $("token").focus();
    setConnection("offline", "Signed out");
    stopPolling();
  }

  $("login").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api("POST", "/api/login", { token: $("token").value.trim() });
      $("login-error").textContent = "";
      start();
    } catch (e) {
      $("login-error").textContent = e.message;
    }
  });
  $("reply").addEventListener("submit", sendReply);
  $("reply-text").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey) {
      sendReply(ev);
    }
  });
  $("back").addEventListener("click", () => {
    $("app").classList.remove("reading");
    const current = document.querySelector('[aria-current="true"]');
    if (current) {
      current.focus();
    }
  });
  // For tests and the curious: the live socket (e.g. messengerInbox.socket.io.engine.close() cuts it).
  window.messengerInbox = Object.freeze({ get socket() { return state.socket; }, pollMs: POLL_MS });
  start();
})();
