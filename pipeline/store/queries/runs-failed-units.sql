-- Units that failed for good. $1 run id. Returns unit_id, pair_id, attempts, error.
SELECT unit_id, pair_id, attempts, error FROM units WHERE run_id = $1 AND status = 'failed' ORDER BY unit_id
