-- Joins patches of different pairs that touch or overlap (a change cut by a tile border, or seen in
-- two overlapping tiles) into one: the patch with the smallest patch_key keeps its key and id and
-- gets the union, the others are deleted. Sums and pixel-weighted means are recomputed; the area is
-- the ellipsoidal area of the union. Idempotent after a re-merge of the pairs.
-- $1 run id. Returns nothing.
WITH c AS (
  SELECT id, pair_id, patch_key, ST_ClusterDBSCAN(geom, eps := 1e-7, minpoints := 1) OVER () AS cid
  FROM patches WHERE run_id = $1
), groups AS (
  SELECT cid, (array_agg(id ORDER BY patch_key))[1] AS keep, array_agg(id) AS ids, array_agg(patch_key ORDER BY patch_key) AS keys
  FROM c GROUP BY cid HAVING count(DISTINCT pair_id) > 1
), merged AS (
  SELECT g.keep, g.keys,
    ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(p.geom)), 3)) AS geom,
    sum(p.pixel_count)::int AS pixel_count,
    sum(p.mean_magnitude * p.pixel_count) / NULLIF(sum(p.pixel_count), 0) AS mean_magnitude,
    sum(p.ndvi_before * p.pixel_count) / NULLIF(sum(p.pixel_count) FILTER (WHERE p.ndvi_before IS NOT NULL), 0) AS ndvi_before,
    sum(p.ndvi_after * p.pixel_count) / NULLIF(sum(p.pixel_count) FILTER (WHERE p.ndvi_after IS NOT NULL), 0) AS ndvi_after,
    (array_agg(p.change_type ORDER BY p.pixel_count DESC NULLS LAST))[1] AS change_type,
    sum(p.confidence * p.pixel_count) / NULLIF(sum(p.pixel_count), 0) AS confidence
  FROM groups g JOIN patches p ON p.id = ANY (g.ids)
  GROUP BY g.keep, g.keys
), upd AS (
  UPDATE patches t SET geom = m.geom, area_m2 = round(ST_Area(m.geom::geography)::numeric, 2)::float8,
    pixel_count = m.pixel_count, mean_magnitude = m.mean_magnitude, ndvi_before = m.ndvi_before,
    ndvi_after = m.ndvi_after, change_type = m.change_type, confidence = m.confidence,
    props = t.props || jsonb_build_object('merged_from', to_jsonb(m.keys),
      'area_m2', round(ST_Area(m.geom::geography)::numeric, 2), 'pixel_count', m.pixel_count)
  FROM merged m WHERE t.id = m.keep
  RETURNING t.id
)
DELETE FROM patches d USING groups g WHERE d.id = ANY (g.ids) AND d.id <> g.keep
