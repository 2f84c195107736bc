-- Turns the staged features into layer_features in one set-based statement: parse the WKB in the
-- source SRID, repair invalid ones (ST_MakeValid, keep polygonal parts), transform to 4490 and split
-- into pieces of at most $3 vertices (pieces of one feature share fid and do not overlap).
-- $1 bigint layer id, $2 integer source SRID, $3 integer max vertices per piece.
-- Returns: repaired (features that were invalid, or fixed on the client), empty (features with nothing polygonal left),
-- imported (features stored), pieces (rows inserted).
WITH src AS (
  SELECT fid, dlbm, dlmc, approval_no, approval_doc, approval_date, attrs, js_repaired,
         ST_Force2D(ST_SetSRID(wkb::geometry, $2::integer)) AS g
  FROM layer_stage
), checked AS (
  SELECT *, (NOT ST_IsEmpty(g) AND NOT (ST_IsValidDetail(g)).valid) AS invalid FROM src
), fixed AS (
  SELECT fid, dlbm, dlmc, approval_no, approval_doc, approval_date, attrs, invalid OR js_repaired AS invalid,
         ST_CollectionExtract(CASE WHEN invalid THEN ST_MakeValid(g) ELSE g END, 3) AS g
  FROM checked
), ins AS (
  INSERT INTO layer_features (layer_id, fid, dlbm, dlmc, approval_no, approval_doc, approval_date, attrs, geom)
  SELECT $1::bigint, f.fid, f.dlbm, f.dlmc, f.approval_no, f.approval_doc, f.approval_date, f.attrs, d.geom
  FROM fixed f
  CROSS JOIN LATERAL ST_Subdivide(ST_Transform(f.g, 4490), $3::integer) AS s(piece)
  CROSS JOIN LATERAL ST_Dump(s.piece) AS d
  WHERE NOT ST_IsEmpty(f.g) AND ST_GeometryType(d.geom) = 'ST_Polygon'
  RETURNING fid
)
SELECT (SELECT count(*) FROM fixed WHERE invalid)::integer AS repaired,
       (SELECT count(*) FROM fixed WHERE ST_IsEmpty(g))::integer AS empty,
       (SELECT count(DISTINCT fid) FROM ins)::integer AS imported,
       (SELECT count(*) FROM ins)::integer AS pieces
