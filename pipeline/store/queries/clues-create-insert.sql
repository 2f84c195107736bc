-- clues-create-insert: one clue, plus its first clue_events row (status 'suspected', actor
-- 'landwatch'), for every suspected patch of a run that has no clue yet, in one statement.
-- JCBH = XZQDM (6 digits) + year (4) + 5-digit sequence; sequences continue after the county-year's
-- current maximum and are handed out in patch_key order, so numbering is deterministic. Clues are
-- unique per patch: processing a run again adds nothing and renumbers nothing. The caller holds an
-- advisory lock on the county-year (clues-create-lock) so concurrent runs cannot take the same number.
-- A sequence past 99999 yields a NULL JCBH and the statement fails (not-null primary key).
-- $1 text run id, $2 text XZQDM, $3 integer year, $4 text XZQMC (nullable),
-- $5 text QSX date (nullable), $6 text HSX date (nullable)
-- Returns: one row: created integer (clues inserted), existing integer (suspected patches of the run
--          that already had a clue)
WITH base AS (
  SELECT coalesce(max(seq), 0) AS seq FROM clues WHERE xzqdm = $2 AND year = $3
),
todo AS (
  SELECT p.id, p.geom, p.overlay, p.rule, p.severity, p.rule_trace, p.change_type, p.props,
         row_number() OVER (ORDER BY p.patch_key, p.id) AS rn
  FROM patches p
  WHERE p.run_id = $1 AND p.suspected AND NOT EXISTS (SELECT 1 FROM clues c WHERE c.patch_id = p.id)
),
numbered AS (
  SELECT t.*, b.seq + t.rn AS seq,
         CASE WHEN b.seq + t.rn <= 99999 THEN $2 || lpad($3::text, 4, '0') || lpad((b.seq + t.rn)::text, 5, '0') END AS jcbh,
         ST_PointOnSurface(t.geom) AS pt,
         coalesce((t.overlay->>'area_m2')::float8, 0) AS tbmj,
         coalesce((t.overlay->>'farmland_m2')::float8, 0) AS gdmj,
         coalesce((t.overlay->>'pbf_m2')::float8, 0) AS jbntmj,
         coalesce((t.overlay->>'redline_m2')::float8, 0) AS hxmj
  FROM todo t CROSS JOIN base b
),
ins AS (
  INSERT INTO clues (jcbh, run_id, patch_id, xzqdm, year, seq, record)
  SELECT n.jcbh, $1, n.id, $2, $3, n.seq,
         jsonb_build_object(
           'JCBH', n.jcbh,
           'XZQDM', $2::text,
           'XZQMC', $4::text,
           'QSX', $5::text,
           'HSX', $6::text,
           'TBMJ', round(n.tbmj::numeric, 2),
           'TBMJ_MU', round((n.tbmj * 15 / 10000)::numeric, 4),
           'GDMJ', round(n.gdmj::numeric, 2),
           'GDMJ_MU', round((n.gdmj * 15 / 10000)::numeric, 4),
           'JBNTMJ', round(n.jbntmj::numeric, 2),
           'JBNTMJ_MU', round((n.jbntmj * 15 / 10000)::numeric, 4),
           'SFYN', n.jbntmj > 0,
           'SFHX', n.hxmj > 0,
           'TBLX', coalesce(n.change_type, n.props->>'TBLX', n.props->>'change_type', 'other'),
           'DLBM_AREAS', (
             SELECT coalesce(jsonb_agg(jsonb_build_object(
                      'DLBM', d.key,
                      'MJ', round(d.value::float8::numeric, 2),
                      'MJ_MU', round((d.value::float8 * 15 / 10000)::numeric, 4))
                    ORDER BY d.value::float8 DESC, d.key), '[]'::jsonb)
             FROM jsonb_each_text(coalesce(n.overlay->'dlbm', '{}'::jsonb)) AS d
           ),
           'APPROVALS', (
             SELECT coalesce(jsonb_agg(jsonb_build_object('approval_no', a.value) ORDER BY a.value), '[]'::jsonb)
             FROM jsonb_array_elements_text(coalesce(n.overlay->'approvals', '[]'::jsonb)) AS a
           ),
           'RULE', n.rule,
           'SEVERITY', n.severity,
           'REASON', n.rule_trace->'reason'->>'zh',
           'RULE_TRACE', jsonb_build_array(n.rule_trace),
           'CENTROID_LON', round(ST_X(n.pt)::numeric, 8),
           'CENTROID_LAT', round(ST_Y(n.pt)::numeric, 8)
         )
  FROM numbered n
  ORDER BY n.seq
  ON CONFLICT (patch_id) DO NOTHING
  RETURNING jcbh, record
),
ev AS (
  INSERT INTO clue_events (jcbh, status, actor, reason, data)
  SELECT i.jcbh, 'suspected', 'landwatch', i.record->>'REASON', jsonb_build_object('rule', i.record->>'RULE', 'run_id', $1::text)
  FROM ins i
  RETURNING jcbh
)
SELECT (SELECT count(*) FROM ev)::integer AS created,
       (SELECT count(*) FROM patches p JOIN clues c ON c.patch_id = p.id WHERE p.run_id = $1 AND p.suspected)::integer AS existing
