-- overlay-export: the overlaid patches of a run with their clue, for GeoJSON output. Geometry is
-- RFC 7946 lon/lat (CGCS2000 ≈ WGS84 to centimetres), exterior rings counter-clockwise.
-- $1 text run id
-- Returns: patch_key text, geometry json, overlay jsonb, rule text, severity text, suspected boolean,
--          rule_trace jsonb, jcbh text (null when no clue)
SELECT p.patch_key,
       ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), 9)::json AS geometry,
       p.overlay, p.rule, p.severity, p.suspected, p.rule_trace, c.jcbh
FROM patches p
LEFT JOIN clues c ON c.patch_id = p.id
WHERE p.run_id = $1
ORDER BY p.patch_key
