-- overlay-create-run: creates the run that holds the patches of one `landwatch overlay` call.
-- $1 text run id, $2 text region (XZQDM or null), $3 jsonb params
-- Returns: nothing
INSERT INTO runs (id, status, region, params) VALUES ($1, 'running', $2, $3::jsonb)
