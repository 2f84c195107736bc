-- Stores a run's scene model for one imagery. $1 run id, $2 imagery, $3 model (jsonb).
INSERT INTO shared_models (run_id, imagery, model) VALUES ($1, $2, $3::jsonb)
ON CONFLICT (run_id, imagery) DO NOTHING
