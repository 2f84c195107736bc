-- Stage progress of a run in pipeline order. $1 run id, $2 stage names in order (text[]).
-- Returns stage, status, done, total, error, updated_at, started_at, finished_at, seconds
-- (finished − started, or now − started while running; null before the start).
SELECT stage, status, done, total, error, updated_at, started_at, finished_at,
  EXTRACT(EPOCH FROM (COALESCE(finished_at, CASE WHEN status = 'running' THEN now() END) - started_at))::float8 AS seconds
FROM run_stages WHERE run_id = $1
ORDER BY array_position($2::text[], stage), stage
