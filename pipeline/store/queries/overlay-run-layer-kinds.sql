-- overlay-run-layer-kinds: the layer kinds and versions a run uses (run_layers).
-- $1 text run id
-- Returns: kind text, version integer, name text
SELECT l.kind, l.version, l.name
FROM run_layers rl JOIN layers l ON l.id = rl.layer_id
WHERE rl.run_id = $1
ORDER BY l.kind
