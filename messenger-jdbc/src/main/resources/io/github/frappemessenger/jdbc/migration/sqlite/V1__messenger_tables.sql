-- Conversations: one per (platform, sender_id), enforced by the database so that no two processes can create two.
CREATE TABLE ${prefix}conversation (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    platform TEXT NOT NULL,
    sender_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (platform, sender_id)
);

-- Messages: the whole doc as JSON text, and the columns of the unread count, which the index below answers.
CREATE TABLE ${prefix}message (
    name TEXT NOT NULL PRIMARY KEY,
    conversation TEXT,
    direction TEXT,
    is_read INTEGER NOT NULL DEFAULT 0,
    doc TEXT NOT NULL
);
CREATE INDEX ${prefix}message_unread ON ${prefix}message (conversation, direction, is_read);

-- The transactional outbox: the events of a save, written in the save's transaction, deleted once published.
CREATE TABLE ${prefix}outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT NOT NULL,
    room TEXT NOT NULL,
    payload TEXT NOT NULL
);

-- One row, written by the relay, so that one relay at a time publishes, in order.
CREATE TABLE ${prefix}relay_lock (id INTEGER PRIMARY KEY);
INSERT INTO ${prefix}relay_lock (id) VALUES (1);
