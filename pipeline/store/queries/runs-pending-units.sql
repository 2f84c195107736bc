-- Units not yet detected, in unit id order (by pair, then scan order). $1 run id.
-- Returns unit_id, pair_id, win (HaloWindow, for batching neighbours into one job).
SELECT unit_id, pair_id, win FROM units WHERE run_id = $1 AND status = 'pending' ORDER BY unit_id
