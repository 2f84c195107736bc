-- Stores a unit's pieces and picture and marks it done, in one statement. $1 run id, $2 unit id,
-- $3 pieces (jsonb), $4 picture cells ({cell, x0, y0, nx, ny}, jsonb), $5 picture sums (float32 LE);
-- $4 and $5 null: no picture.
WITH saved AS (
  INSERT INTO unit_pieces (run_id, unit_id, pieces, picture_cells, picture) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5)
  ON CONFLICT (run_id, unit_id) DO UPDATE SET pieces = EXCLUDED.pieces, picture_cells = EXCLUDED.picture_cells, picture = EXCLUDED.picture
)
UPDATE units SET status = 'done', error = NULL, attempts = attempts + 1, updated_at = now()
WHERE run_id = $1 AND unit_id = $2
