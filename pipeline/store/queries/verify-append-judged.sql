-- verify-append-judged: append 'judged' events in input order, skipping any identical to an event the
-- clue already has (same verdict, actor, time and reason), so importing a file twice changes nothing.
-- $1 jcbhs text[], $2 ats timestamptz[], $3 verdicts text[], $4 actors text[], $5 reasons text[],
-- $6 data jsonb[] (all the same length)
-- returns: jcbh, line (data->>'line', the input row) of each event appended
INSERT INTO clue_events (jcbh, at, status, verdict, actor, reason, data)
SELECT t.jcbh, t.at, 'judged', t.verdict, t.actor, t.reason, t.data
  FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::jsonb[])
       WITH ORDINALITY AS t (jcbh, at, verdict, actor, reason, data, ord)
 WHERE NOT EXISTS (
         SELECT 1 FROM clue_events e
          WHERE e.jcbh = t.jcbh AND e.status = 'judged' AND e.verdict = t.verdict AND e.actor = t.actor
            AND e.at = t.at AND e.reason IS NOT DISTINCT FROM t.reason)
 ORDER BY t.ord
RETURNING jcbh, (data->>'line')::int AS line
