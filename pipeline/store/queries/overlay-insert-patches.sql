-- overlay-insert-patches: stores polygons read from a file as patches of a run (set-based, arrays):
-- parse WKB in the source SRID, repair invalid ones there (ST_MakeValid, polygonal parts), transform
-- to EPSG:4490, and compute the ellipsoidal area. Features left with nothing polygonal are skipped.
-- Upserts on (run_id, patch_key), so re-inserting the same file changes nothing.
-- $1 text run id, $2 integer source SRID, $3 text[] patch_key, $4 text[] hex WKB, $5 jsonb[] props
-- Returns: id bigint, patch_key text (the patches stored)
INSERT INTO patches (run_id, patch_key, geom, area_m2, change_type, props)
SELECT $1, s.k, s.g, ST_Area(s.g::geography), s.props->>'change_type', s.props
FROM (
  SELECT u.k, u.props,
         ST_Multi(ST_CollectionExtract(ST_Transform(
           CASE WHEN ST_IsValid(r.g) THEN r.g ELSE ST_CollectionExtract(ST_MakeValid(r.g), 3) END, 4490), 3)) AS g
  FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS u(k, wkb, props)
  CROSS JOIN LATERAL (SELECT ST_Force2D(ST_SetSRID(u.wkb::geometry, $2::integer)) AS g OFFSET 0) r
) s
WHERE NOT ST_IsEmpty(s.g)
ON CONFLICT (run_id, patch_key) DO UPDATE
  SET geom = EXCLUDED.geom, area_m2 = EXCLUDED.area_m2, change_type = EXCLUDED.change_type, props = EXCLUDED.props
RETURNING id, patch_key
