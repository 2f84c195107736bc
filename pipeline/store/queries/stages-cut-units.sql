-- Inserts a pair's work units; existing ones are kept (idempotent). $1 run id, $2 pair id,
-- $3 units as jsonb [{unit_id, win}]. Returns nothing.
INSERT INTO units (run_id, unit_id, pair_id, before_id, after_id, win)
SELECT $1, u.unit_id, $2, p.before_id, p.after_id, u.win
FROM jsonb_to_recordset($3::jsonb) AS u(unit_id text, win jsonb)
JOIN pairs p ON p.run_id = $1 AND p.pair_id = $2
ON CONFLICT (run_id, unit_id) DO NOTHING
