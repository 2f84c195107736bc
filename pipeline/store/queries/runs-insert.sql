-- Creates a run. $1 id, $2 region (XZQDM or null), $3 params (jsonb). Returns nothing.
INSERT INTO runs (id, status, region, params) VALUES ($1, 'pending', $2, $3::jsonb)
