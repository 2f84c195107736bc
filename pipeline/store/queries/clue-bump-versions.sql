-- clue-bump-versions: a clue's record changed (new event or evidence): its version goes up by one per
-- change, so the changed record gets a new delivery Idempotency-Key.
-- $1 jcbhs text[] (a JCBH listed n times is bumped by n)
-- returns: jcbh, version (new)
UPDATE clues c
   SET version = c.version + b.n
  FROM (SELECT jcbh, count(*)::int AS n FROM unnest($1::text[]) AS u (jcbh) GROUP BY jcbh) b
 WHERE c.jcbh = b.jcbh
RETURNING c.jcbh, c.version
