-- Lets failed stages run again (resume). $1 run id. Returns nothing.
UPDATE run_stages SET status = 'pending', error = NULL, updated_at = now() WHERE run_id = $1 AND status = 'failed'
