-- Marks a stage running unless it is already done; the first start is kept. $1 run id, $2 stage.
UPDATE run_stages SET status = 'running', updated_at = now(), started_at = COALESCE(started_at, now())
WHERE run_id = $1 AND stage = $2 AND status <> 'done'
