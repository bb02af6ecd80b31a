-- Conversations: one per (platform, sender_id), enforced by the database so that no two processes can create two.
CREATE TABLE ${prefix}conversation (
    seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(140) NOT NULL UNIQUE,
    platform VARCHAR(140) NOT NULL,
    sender_id VARCHAR(140) NOT NULL,
    doc LONGTEXT NOT NULL,
    CONSTRAINT ${prefix}conversation_sender UNIQUE (platform, sender_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Messages: the whole doc as JSON text, and the columns of the unread count, which the index below answers.
CREATE TABLE ${prefix}message (
    name VARCHAR(140) NOT NULL PRIMARY KEY,
    conversation VARCHAR(140),
    direction VARCHAR(16),
    is_read SMALLINT NOT NULL DEFAULT 0,
    doc LONGTEXT NOT NULL,
    INDEX ${prefix}message_unread (conversation, direction, is_read)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The transactional outbox: the events of a save, written in the save's transaction, deleted once published.
CREATE TABLE ${prefix}outbox (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event VARCHAR(140) NOT NULL,
    room VARCHAR(140) NOT NULL,
    payload LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row, locked by the relay, so that one relay at a time publishes, in order.
CREATE TABLE ${prefix}relay_lock (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
INSERT INTO ${prefix}relay_lock (id) VALUES (1);
