-- overlay-compute: measures a batch of patches against the layer versions recorded for their run
-- (run_layers): area per DLBM code (land use is a partition, so pieces are summed), and the area of
-- the UNION of the pieces of PBF ('farmland' layer), approvals ('approved') and ecological red line
-- ('redline') inside each patch, since polygons of those layers may overlap each other. Areas are
-- ellipsoidal m² on CGCS2000: ST_Area(geography). Shortcuts: a feature that covers the patch gives
-- the patch area without an intersection; pieces of one feature (same fid, subdivided) never overlap,
-- so a union is only computed when pieces of two or more features hit one patch. Pieces of at most
-- $3 m² (slivers along shared edges: a straight edge in Gauss-Krüger is slightly curved in 4490, so
-- layers that share an edge but not its vertices overlap by thin slivers) count as no overlap.
-- $1 text      run id
-- $2 bigint[]  patch ids of the batch, or NULL for every patch of the run
-- $3 float8    sliver tolerance in m²
-- Returns: id bigint, overlay jsonb
--   { area_m2, dlbm: { code: m2 }, pbf_m2, approved_m2, approvals: [approval_no, sorted], redline_m2 }
WITH p AS MATERIALIZED (
  SELECT id, geom, ST_Area(geom::geography) AS a
  FROM patches
  WHERE run_id = $1 AND ($2::bigint[] IS NULL OR id = ANY ($2::bigint[]))
),
lyr AS (
  SELECT l.id, l.kind
  FROM run_layers rl JOIN layers l ON l.id = rl.layer_id
  WHERE rl.run_id = $1 AND l.kind IN ('landuse', 'farmland', 'approved', 'redline')
),
hit AS MATERIALIZED (
  -- OFFSET 0 keeps each LATERAL from being flattened, so ST_Covers, ST_Intersection and ST_Area run
  -- once per pair instead of once per reference.
  SELECT p.id AS patch_id, p.a AS patch_m2, l.kind, f.fid, f.dlbm, f.approval_no, m.cov, m.m2,
         CASE WHEN l.kind = 'landuse' THEN NULL ELSE m.g END AS piece
  FROM p
  JOIN layer_features f ON f.geom && p.geom AND ST_Intersects(f.geom, p.geom)
  JOIN lyr l ON l.id = f.layer_id
  CROSS JOIN LATERAL (
    SELECT i.cov, i.g, CASE WHEN i.cov THEN p.a ELSE ST_Area(i.g::geography) END AS m2
    FROM (
      SELECT c.cov, CASE WHEN c.cov THEN NULL ELSE ST_CollectionExtract(ST_Intersection(p.geom, f.geom), 3) END AS g
      FROM (SELECT ST_Covers(f.geom, p.geom) AS cov OFFSET 0) c
      OFFSET 0
    ) i
    OFFSET 0
  ) m
),
piece AS (
  SELECT * FROM hit WHERE m2 > $3::float8
),
landuse AS (
  SELECT patch_id, jsonb_object_agg(dlbm, m2 ORDER BY dlbm) AS dlbm
  FROM (
    SELECT patch_id, coalesce(dlbm, '') AS dlbm, sum(m2) AS m2
    FROM piece WHERE kind = 'landuse'
    GROUP BY patch_id, coalesce(dlbm, '')
  ) s
  GROUP BY patch_id
),
unioned AS (
  SELECT patch_id, kind,
         CASE
           WHEN bool_or(cov) THEN max(patch_m2)
           WHEN count(DISTINCT fid) = 1 THEN sum(m2)
           ELSE ST_Area(ST_Union(array_agg(piece))::geography)
         END AS m2,
         coalesce(array_agg(DISTINCT approval_no ORDER BY approval_no) FILTER (WHERE approval_no IS NOT NULL), '{}') AS nos
  FROM piece
  WHERE kind <> 'landuse'
  GROUP BY patch_id, kind
)
SELECT p.id,
       jsonb_build_object(
         'area_m2', p.a,
         'dlbm', coalesce(lu.dlbm, '{}'::jsonb),
         'pbf_m2', coalesce(pbf.m2, 0),
         'approved_m2', coalesce(ap.m2, 0),
         'approvals', to_jsonb(coalesce(ap.nos, '{}')),
         'redline_m2', coalesce(rl.m2, 0)
       ) AS overlay
FROM p
LEFT JOIN landuse lu ON lu.patch_id = p.id
LEFT JOIN unioned pbf ON pbf.patch_id = p.id AND pbf.kind = 'farmland'
LEFT JOIN unioned ap ON ap.patch_id = p.id AND ap.kind = 'approved'
LEFT JOIN unioned rl ON rl.patch_id = p.id AND rl.kind = 'redline'
ORDER BY p.id
