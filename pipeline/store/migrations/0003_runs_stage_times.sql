-- 0003: when each stage of a run started and finished, so `landwatch status` and the benchmark can
-- show where a run's time went.
ALTER TABLE run_stages ADD COLUMN started_at timestamptz;
ALTER TABLE run_stages ADD COLUMN finished_at timestamptz;
