-- report-construction-farmland: the accountability ratio's denominator — farmland taken by new
-- construction: farmland area (patches.overlay farmland_m2, m² on the CGCS2000 ellipsoid) summed over
-- every change patch of the run whose change type is construction-type, suspected or not.
-- $1 run_id text, $2 change types text[] counted as construction
-- returns one row: patches (bigint), farmland_m2 (float8), overlaid (bigint: patches with an overlay)
SELECT count(*) AS patches,
       coalesce(sum((overlay->>'farmland_m2')::float8), 0)::float8 AS farmland_m2,
       count(overlay) AS overlaid
  FROM patches
 WHERE run_id = $1 AND change_type = ANY ($2::text[])
