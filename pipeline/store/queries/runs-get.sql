-- One run. $1 run id. Returns id, status, region, params, created_at, finished_at, generation, error.
SELECT id, status, region, params, created_at, finished_at, generation, error FROM runs WHERE id = $1
