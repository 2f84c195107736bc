-- Stores a pair's common grid and scene model. $1 run id, $2 pair id, $3 grid, $4 model (jsonb),
-- $5 whether the model is its imagery's shared one (boolean).
UPDATE pairs SET grid = $3::jsonb, model = $4::jsonb, shared_model = $5 WHERE run_id = $1 AND pair_id = $2
