-- Stores a unit's pieces and marks it done, in one statement. $1 run id, $2 unit id, $3 pieces (jsonb).
WITH saved AS (
  INSERT INTO unit_pieces (run_id, unit_id, pieces) VALUES ($1, $2, $3::jsonb)
  ON CONFLICT (run_id, unit_id) DO UPDATE SET pieces = EXCLUDED.pieces
)
UPDATE units SET status = 'done', error = NULL, attempts = attempts + 1, updated_at = now()
WHERE run_id = $1 AND unit_id = $2
