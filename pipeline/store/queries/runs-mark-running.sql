-- Moves a pending run to running (no-op otherwise). $1 run id. Returns nothing.
UPDATE runs SET status = 'running' WHERE id = $1 AND status = 'pending'
