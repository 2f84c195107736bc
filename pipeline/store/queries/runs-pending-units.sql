-- Units not yet detected, in unit id order (by pair, then scan order). $1 run id, $2 pair id (null:
-- every pair). Returns unit_id, pair_id, win (HaloWindow, for batching neighbours into one job).
SELECT unit_id, pair_id, win FROM units
WHERE run_id = $1 AND status = 'pending' AND ($2::text IS NULL OR pair_id = $2)
ORDER BY unit_id
