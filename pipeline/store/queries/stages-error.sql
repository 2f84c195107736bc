-- Records a stage error; $4 true = failed for good, false = will be retried (stays running).
-- $1 run id, $2 stage, $3 error message, $4 final (boolean). Returns nothing.
UPDATE run_stages SET error = $3, status = CASE WHEN $4 THEN 'failed' ELSE status END, updated_at = now()
WHERE run_id = $1 AND stage = $2 AND status <> 'done'
