-- Marks one layer version current (second half of the flip, same transaction).
-- $1 bigint layer id. Returns: nothing.
UPDATE layers SET is_current = true WHERE id = $1
