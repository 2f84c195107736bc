-- Records a unit's failed attempt; $4 true = failed for good. A unit done, or failed for good
-- already (with its own error), is left alone.
-- $1 run id, $2 unit id, $3 error message, $4 final (boolean). Returns nothing.
UPDATE units SET error = $3, attempts = attempts + 1, updated_at = now(),
  status = CASE WHEN $4 THEN 'failed' ELSE status END
WHERE run_id = $1 AND unit_id = $2 AND status = 'pending'
