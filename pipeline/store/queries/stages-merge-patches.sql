-- Upserts a pair's patches by patch_key (lon/lat GeoJSON taken as EPSG:4490, made valid).
-- $1 run id, $2 pair id, $3 patches as jsonb [{patch_key, geom, area_m2, pixel_count, mean_magnitude,
-- ndvi_before, ndvi_after, change_type, confidence, props, fragment, edge_stats}]. Returns nothing.
INSERT INTO patches (run_id, pair_id, patch_key, geom, area_m2, pixel_count, mean_magnitude, ndvi_before,
  ndvi_after, change_type, confidence, props, fragment, edge_stats)
SELECT $1, $2, r.patch_key,
  ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4490)), 3)),
  r.area_m2, r.pixel_count, r.mean_magnitude, r.ndvi_before, r.ndvi_after, r.change_type, r.confidence,
  COALESCE(r.props, '{}'::jsonb), COALESCE(r.fragment, false), r.edge_stats
FROM jsonb_to_recordset($3::jsonb) AS r(patch_key text, geom jsonb, area_m2 float8, pixel_count int,
  mean_magnitude float8, ndvi_before float8, ndvi_after float8, change_type text, confidence float8, props jsonb,
  fragment boolean, edge_stats jsonb)
ON CONFLICT (run_id, patch_key) DO UPDATE SET geom = EXCLUDED.geom, area_m2 = EXCLUDED.area_m2,
  pixel_count = EXCLUDED.pixel_count, mean_magnitude = EXCLUDED.mean_magnitude,
  ndvi_before = EXCLUDED.ndvi_before, ndvi_after = EXCLUDED.ndvi_after, change_type = EXCLUDED.change_type,
  confidence = EXCLUDED.confidence, props = EXCLUDED.props, pair_id = EXCLUDED.pair_id,
  fragment = EXCLUDED.fragment, edge_stats = EXCLUDED.edge_stats
