-- Pairs every earlier tile with every later tile whose footprint overlaps it by more than 1 % of
-- the smaller one (touching neighbours are not pairs). Idempotent. $1 run id. Returns nothing.
INSERT INTO pairs (run_id, pair_id, before_id, after_id)
SELECT b.run_id, 'p' || b.id || '-' || a.id, b.id, a.id
FROM images b JOIN images a ON a.run_id = b.run_id AND a.role = 'after'
WHERE b.run_id = $1 AND b.role = 'before' AND ST_Intersects(b.footprint, a.footprint)
  AND ST_Area(ST_Intersection(b.footprint, a.footprint)) > 0.01 * LEAST(ST_Area(b.footprint), ST_Area(a.footprint))
ON CONFLICT (run_id, pair_id) DO NOTHING
