-- Marks a stage done. $1 run id, $2 stage. Returns nothing.
UPDATE run_stages SET status = 'done', error = NULL, done = GREATEST(done, total, 1), total = GREATEST(total, 1),
  updated_at = now(), started_at = COALESCE(started_at, now()), finished_at = now()
WHERE run_id = $1 AND stage = $2
