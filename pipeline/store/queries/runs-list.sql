-- Most recent runs. $1 limit. Returns id, status, region, created_at, finished_at.
SELECT id, status, region, created_at, finished_at FROM runs ORDER BY created_at DESC LIMIT $1
