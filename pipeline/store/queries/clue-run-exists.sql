-- clue-run-exists: whether a run exists.
-- $1 run_id text
-- returns: id (one row, or none)
SELECT id FROM runs WHERE id = $1
