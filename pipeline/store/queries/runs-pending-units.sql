-- Units not yet detected. $1 run id. Returns unit_id.
SELECT unit_id FROM units WHERE run_id = $1 AND status = 'pending' ORDER BY unit_id
