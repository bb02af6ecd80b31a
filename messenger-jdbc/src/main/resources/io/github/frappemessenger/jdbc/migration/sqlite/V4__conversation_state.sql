-- The block flag and status last seen of each conversation (ConversationStates), kept on its row and written in
-- the save's transaction, so that of two processes saving the same change only the first announces it. NULL
-- seen_block_chat: never seen (the lifecycle then compares with the DocType's defaults); seen_status may be NULL.
ALTER TABLE ${prefix}conversation ADD COLUMN seen_block_chat INTEGER;
ALTER TABLE ${prefix}conversation ADD COLUMN seen_status TEXT;
