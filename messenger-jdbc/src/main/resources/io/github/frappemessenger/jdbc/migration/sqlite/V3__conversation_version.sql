-- The version of a conversation's events, counted in its row: every process on the database numbers them from the
-- same counter, inside the save's transaction. Rows that exist already start at the time of the upgrade in
-- milliseconds, above any version an earlier release counted in its JVM (from 1), so clients keep applying them.
ALTER TABLE ${prefix}conversation ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
UPDATE ${prefix}conversation SET version = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
