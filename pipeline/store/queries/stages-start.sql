-- Marks a stage running unless it is already done. $1 run id, $2 stage. Returns nothing.
UPDATE run_stages SET status = 'running', updated_at = now()
WHERE run_id = $1 AND stage = $2 AND status <> 'done'
