-- Stores an import's counts on its layer row.
-- $1 bigint layer id, $2 integer features imported, $3 integer repaired, $4 integer skipped.
-- Returns: nothing.
UPDATE layers SET feature_count = $2, repaired_count = $3, skipped_count = $4 WHERE id = $1
