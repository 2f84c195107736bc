-- clue-evidence-upsert: record evidence files of clues; a row is rewritten only when its file changed.
-- $1 jcbhs text[], $2 kinds text[], $3 paths text[], $4 media_types text[], $5 sha256s text[],
-- $6 contents bytea (every file's bytes one after another: one binary parameter, where a bytea[]
-- travels as hex text at twice the size), $7 starts int[] (1-based) and $8 lengths int[] of each
-- file in $6, null for the HTML page (the export builds it)
-- returns: jcbh, kind of the rows inserted or changed now
INSERT INTO clue_evidence (jcbh, kind, path, media_type, sha256, content)
SELECT u.jcbh, u.kind, u.path, u.media_type, u.sha256, substring($6::bytea FROM u.start FOR u.len)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $7::int[], $8::int[])
    AS u(jcbh, kind, path, media_type, sha256, start, len)
ON CONFLICT (jcbh, kind) DO UPDATE
   SET path = EXCLUDED.path, media_type = EXCLUDED.media_type, sha256 = EXCLUDED.sha256, content = EXCLUDED.content, created_at = now()
 WHERE clue_evidence.path IS DISTINCT FROM EXCLUDED.path OR clue_evidence.sha256 IS DISTINCT FROM EXCLUDED.sha256
RETURNING jcbh, kind
