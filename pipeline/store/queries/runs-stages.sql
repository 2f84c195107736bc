-- Stage progress of a run in pipeline order. $1 run id, $2 stage names in order (text[]).
-- Returns stage, status, done, total, error, updated_at.
SELECT stage, status, done, total, error, updated_at
FROM run_stages WHERE run_id = $1
ORDER BY array_position($2::text[], stage), stage
