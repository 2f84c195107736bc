-- overlay-compute: measures a batch of patches against the layer versions recorded for their run
-- (run_layers): area per DLBM code (land use is a partition, so pieces are summed), and the area of
-- the UNION of the pieces of PBF ('farmland' layer), approvals ('approved') and ecological red line
-- ('redline') inside each patch, since polygons of those layers may overlap each other.
-- Areas are ellipsoidal m² on CGCS2000. The patch area is ST_Area(geom::geography). A piece's area is
-- the patch's ellipsoidal area times the piece's share of the patch's planar (degree²) area when the
-- patch is under 1 ha: across such a patch the area scale of lon/lat varies by < 2e-5, so this equals
-- ST_Area(piece::geography) to < 0.01 m² (measured) at a fraction of the cost; larger patches use
-- ST_Area(piece::geography) directly. Unions are measured with ST_Area(geography). They are built
-- with snap-rounding on a 1e-9° (≈0.1 mm) grid: exact ST_Union failed on overlapping PBF pieces
-- inside PGlite (GEOS 3.14/wasm returns no row at all and breaks the wire protocol), and the grid
-- changes a union's area by < 0.001 m².
-- Shortcuts: candidates come from the GiST index (&&); a feature that covers the patch (ST_Covers)
-- gives the patch area without an intersection (tested only when the feature's box contains the
-- patch's box, `~`); pieces of one feature (same fid, subdivided) never
-- overlap, so a union is only computed when pieces of two or more features hit one patch. Pieces of
-- at most $3 m² count as no overlap: patches that only touch a polygon give empty or line
-- intersections (0 m²), and layers sharing an edge but not its vertices overlap by thin slivers (a
-- straight Gauss-Krüger edge is slightly curved in 4490). No separate ST_Intersects test: with
-- ST_Covers run on every candidate anyway it cost 5 % more CPU and saved nothing (bench-overlay.ts).
-- $1 text      run id
-- $2 bigint[]  patch ids of the batch, or NULL for every patch of the run
-- $3 float8    sliver tolerance in m²
-- Returns: id bigint, overlay jsonb
--   { area_m2, dlbm: { code: m2 }, pbf_m2, approved_m2, approvals: [approval_no, sorted], redline_m2 }
WITH p AS MATERIALIZED (
  -- a batch goes through the primary key; `id = ANY ($2)` made the planner scan the whole table
  SELECT t.id, t.geom, ST_Area(t.geom::geography) AS a, ST_Area(t.geom) AS pa
  FROM patches t
  WHERE $2::bigint[] IS NULL AND t.run_id = $1
  UNION ALL
  SELECT t.id, t.geom, ST_Area(t.geom::geography) AS a, ST_Area(t.geom) AS pa
  FROM unnest($2::bigint[]) AS b(id)
  JOIN patches t ON t.id = b.id
  WHERE t.run_id = $1
),
lyr AS MATERIALIZED (
  SELECT ARRAY(SELECT rl.layer_id FROM run_layers rl JOIN layers l ON l.id = rl.layer_id
               WHERE rl.run_id = $1 AND l.kind IN ('landuse', 'farmland', 'approved', 'redline')) AS ids,
         ARRAY(SELECT rl.layer_id FROM run_layers rl JOIN layers l ON l.id = rl.layer_id
               WHERE rl.run_id = $1 AND l.kind = 'landuse') AS landuse,
         ARRAY(SELECT rl.layer_id FROM run_layers rl JOIN layers l ON l.id = rl.layer_id
               WHERE rl.run_id = $1 AND l.kind = 'farmland') AS pbf,
         ARRAY(SELECT rl.layer_id FROM run_layers rl JOIN layers l ON l.id = rl.layer_id
               WHERE rl.run_id = $1 AND l.kind = 'approved') AS approved
),
hit AS MATERIALIZED (
  -- OFFSET 0 keeps each LATERAL from being flattened, so ST_Covers, ST_Intersection and ST_Area run
  -- once per pair instead of once per reference. pa: planar area in degree² (see the header).
  SELECT p.id AS patch_id, p.a AS patch_m2, f.kind, f.fid, f.dlbm, f.approval_no, m.cov, m.m2,
         CASE WHEN f.kind = 'landuse' THEN NULL ELSE m.g END AS piece
  FROM p
  CROSS JOIN lyr
  -- LATERAL + OFFSET 0 pins the plan: one GiST probe per patch, whatever the row estimates say
  -- (left to itself the planner has chosen a nested loop over every feature for every patch).
  CROSS JOIN LATERAL (
    SELECT f.fid, f.dlbm, f.approval_no, f.geom,
           CASE WHEN f.layer_id = ANY (lyr.landuse) THEN 'landuse'
                WHEN f.layer_id = ANY (lyr.pbf) THEN 'farmland'
                WHEN f.layer_id = ANY (lyr.approved) THEN 'approved'
                ELSE 'redline' END AS kind
    FROM layer_features f
    WHERE f.geom && p.geom AND f.layer_id = ANY (lyr.ids)
    OFFSET 0
  ) f
  CROSS JOIN LATERAL (
    SELECT i.cov, i.g, CASE WHEN i.cov THEN p.a WHEN p.a < 10000 THEN p.a * ST_Area(i.g) / nullif(p.pa, 0) ELSE ST_Area(i.g::geography) END AS m2
    FROM (
      SELECT c.cov, CASE WHEN c.cov THEN NULL ELSE ST_CollectionExtract(ST_Intersection(p.geom, f.geom), 3) END AS g
      FROM (SELECT f.geom ~ p.geom AND ST_Covers(f.geom, p.geom) AS cov OFFSET 0) c
      OFFSET 0
    ) i
    OFFSET 0
  ) m
),
grouped AS (
  -- one row per (patch, DLBM code) for land use, per (patch, kind) for the other layers
  SELECT patch_id, kind, CASE WHEN kind = 'landuse' THEN coalesce(dlbm, '') END AS code,
         CASE
           WHEN kind = 'landuse' THEN sum(m2)
           WHEN bool_or(cov) THEN max(patch_m2)
           WHEN count(DISTINCT fid) = 1 THEN sum(m2)
           ELSE ST_Area(ST_UnaryUnion(ST_Collect(array_agg(piece)), 1e-9)::geography)
         END AS m2,
         array_agg(DISTINCT approval_no ORDER BY approval_no) FILTER (WHERE approval_no IS NOT NULL) AS nos
  FROM hit
  WHERE m2 > $3::float8
  GROUP BY patch_id, kind, CASE WHEN kind = 'landuse' THEN coalesce(dlbm, '') END
),
per_patch AS (
  -- one pass per patch instead of one CTE scan + merge join per layer kind (≈8 % less CPU)
  SELECT patch_id,
         jsonb_object_agg(code, m2 ORDER BY code) FILTER (WHERE kind = 'landuse') AS dlbm,
         max(m2) FILTER (WHERE kind = 'farmland') AS pbf_m2,
         max(m2) FILTER (WHERE kind = 'approved') AS approved_m2,
         (array_agg(to_jsonb(nos)) FILTER (WHERE kind = 'approved' AND nos IS NOT NULL))[1] AS approvals,
         max(m2) FILTER (WHERE kind = 'redline') AS redline_m2
  FROM grouped
  GROUP BY patch_id
)
SELECT p.id,
       jsonb_build_object(
         'area_m2', p.a,
         'dlbm', coalesce(g.dlbm, '{}'::jsonb),
         'pbf_m2', coalesce(g.pbf_m2, 0),
         'approved_m2', coalesce(g.approved_m2, 0),
         'approvals', coalesce(g.approvals, '[]'::jsonb),
         'redline_m2', coalesce(g.redline_m2, 0)
       ) AS overlay
FROM p
LEFT JOIN per_patch g ON g.patch_id = p.id
ORDER BY p.id
