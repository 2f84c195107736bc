-- Pairs of a run with their tiles. $1 run id.
-- Returns pair_id, before_path, after_path, before_mask, after_mask (null: none), before_acquired,
-- after_acquired, the tiles' band counts and catalogue metadata (before_bands, after_bands,
-- before_meta, after_meta), grid, model, shared_model (the model is its imagery's shared one; null:
-- not cut, or cut before the column existed).
SELECT p.pair_id, b.path AS before_path, a.path AS after_path, b.mask_path AS before_mask,
  a.mask_path AS after_mask, b.acquired::text AS before_acquired, a.acquired::text AS after_acquired,
  b.bands AS before_bands, a.bands AS after_bands, b.meta AS before_meta, a.meta AS after_meta,
  p.grid, p.model, p.shared_model
FROM pairs p JOIN images b ON b.id = p.before_id JOIN images a ON a.id = p.after_id
WHERE p.run_id = $1 ORDER BY p.pair_id
