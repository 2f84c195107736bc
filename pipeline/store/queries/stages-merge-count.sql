-- The patches of a run (one row each). $1 run id. Returns id.
SELECT id FROM patches WHERE run_id = $1
