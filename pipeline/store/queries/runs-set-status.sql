-- Sets a run's status. $1 run id, $2 status, $3 error (text or null). Returns nothing.
UPDATE runs SET status = $2, error = $3,
  finished_at = CASE WHEN $2 IN ('finished', 'failed') THEN now() ELSE NULL END
WHERE id = $1
