-- Unmarks the current version of a kind (first half of the flip; the unique index allows one current).
-- $1 text kind. Returns: nothing.
UPDATE layers SET is_current = false WHERE kind = $1 AND is_current
