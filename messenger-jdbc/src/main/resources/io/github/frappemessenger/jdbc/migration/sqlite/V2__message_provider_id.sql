-- A provider's message_id is stored once per platform: a provider's retry (Meta delivers at least once) cannot
-- become a second message, even when two processes receive it at the same moment. NULLs (no message_id) repeat.
ALTER TABLE ${prefix}message ADD COLUMN platform TEXT;
ALTER TABLE ${prefix}message ADD COLUMN message_id TEXT;
CREATE UNIQUE INDEX ${prefix}message_provider_id ON ${prefix}message (platform, message_id);
