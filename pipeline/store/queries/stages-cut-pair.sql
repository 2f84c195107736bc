-- Stores a pair's common grid and fitted scene model. $1 run id, $2 pair id, $3 grid, $4 model (jsonb).
UPDATE pairs SET grid = $3::jsonb, model = $4::jsonb WHERE run_id = $1 AND pair_id = $2
