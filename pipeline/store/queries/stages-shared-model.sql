-- A run's scene model for one imagery, if fitted. $1 run id, $2 imagery. Returns model.
SELECT model FROM shared_models WHERE run_id = $1 AND imagery = $2
