-- overlay-record-run-layers: records the current version of each layer kind the run has not
-- recorded yet, so a run keeps the layer versions it was first overlaid with (re-imports later do
-- not change its results).
-- $1 text  run id
-- Returns: layer_id bigint (the rows added)
INSERT INTO run_layers (run_id, layer_id)
SELECT $1, l.id
FROM layers l
WHERE l.is_current
  AND NOT EXISTS (
    SELECT 1 FROM run_layers rl JOIN layers o ON o.id = rl.layer_id
    WHERE rl.run_id = $1 AND o.kind = l.kind
  )
ON CONFLICT DO NOTHING
RETURNING layer_id
