-- Every patch of a run with its verdict and clue number, for patches.geojson and the summary.
-- RFC 7946 geometry: lon/lat, exterior rings counterclockwise, no crs member.
-- $1 run id. Returns patch_key, geometry (GeoJSON text), area_m2, change_type, confidence,
-- overlay, rule, severity, suspected, jcbh, xzqdm.
SELECT p.patch_key, ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), 8, 0) AS geometry, p.area_m2, p.change_type, p.confidence,
  p.overlay, p.rule, p.severity, p.suspected, c.jcbh, c.xzqdm
FROM patches p LEFT JOIN clues c ON c.patch_id = p.id
WHERE p.run_id = $1
ORDER BY p.patch_key
