-- The clues of a run with their patch geometry, for clues.geojson. $1 run id.
-- Returns jcbh, xzqdm, record (clue.v1 jsonb), geometry (RFC 7946 GeoJSON text: CCW exteriors, no crs).
SELECT c.jcbh, c.xzqdm, c.record, ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), 8, 0) AS geometry
FROM clues c JOIN patches p ON p.id = c.patch_id
WHERE c.run_id = $1
ORDER BY c.jcbh
