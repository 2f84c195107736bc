-- The current version of every layer kind, for a run to record in run_layers.
-- Params: none. Returns: kind, id, version.
SELECT kind, id, version FROM layers WHERE is_current ORDER BY kind
