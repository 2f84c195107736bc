-- report-run-info: the run a report is about.
-- $1 run_id text
-- returns: id, status, region, created_at, finished_at, params (jsonb)
SELECT id, status, region, created_at, finished_at, params FROM runs WHERE id = $1
