-- Refreshes planner statistics after a bulk import. Params: none. Returns: nothing.
ANALYZE layer_features
