-- clue-records: the parts of full clue records, set-based, one row per clue, ordered by JCBH.
-- $1 run_id text | null        only clues of this run (null: any run)
-- $2 jcbhs text[] | null       only these JCBHs (null: all)
-- $3 severities text[] | null  only these SEVERITY values (record->>'SEVERITY')
-- $4 region text | null        XZQDM prefix (e.g. '3301' or a full 6-digit code)
-- $5 min_area_m2 float8 | null only clues whose TBMJ (m²) is at least this
-- $6..$9 float8 | null         bbox minLon, minLat, maxLon, maxLat (EPSG:4490): patch intersects it
-- returns: jcbh, original_jcbh, run_id, version, record (jsonb), geometry (json, RFC 7946 lon/lat),
--          centroid_lon, centroid_lat (interior point of the patch), events (json array oldest first:
--          at, status, verdict, actor, reason, data), evidence (json array: kind, path, media_type, sha256)
SELECT c.jcbh,
       c.original_jcbh,
       c.run_id,
       c.version,
       c.record,
       ST_AsGeoJSON(p.geom, 9)::json AS geometry,
       ST_X(ST_PointOnSurface(p.geom)) AS centroid_lon,
       ST_Y(ST_PointOnSurface(p.geom)) AS centroid_lat,
       (SELECT coalesce(json_agg(json_build_object(
                 'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'status', e.status, 'verdict', e.verdict, 'actor', e.actor, 'reason', e.reason, 'data', e.data)
               ORDER BY e.id), '[]'::json)
          FROM clue_events e WHERE e.jcbh = c.jcbh) AS events,
       (SELECT coalesce(json_agg(json_build_object(
                 'kind', v.kind, 'path', v.path, 'media_type', v.media_type, 'sha256', v.sha256)
               ORDER BY v.kind), '[]'::json)
          FROM clue_evidence v WHERE v.jcbh = c.jcbh) AS evidence
  FROM clues c
  LEFT JOIN patches p ON p.id = c.patch_id
 WHERE ($1::text IS NULL OR c.run_id = $1)
   AND ($2::text[] IS NULL OR c.jcbh = ANY ($2))
   AND ($3::text[] IS NULL OR c.record->>'SEVERITY' = ANY ($3))
   AND ($4::text IS NULL OR c.xzqdm LIKE $4 || '%')
   AND ($5::float8 IS NULL OR coalesce((c.record->>'TBMJ')::float8, ST_Area(p.geom::geography)) >= $5)
   AND ($6::float8 IS NULL OR ST_Intersects(p.geom, ST_MakeEnvelope($6, $7, $8, $9, 4490)))
 ORDER BY c.jcbh
