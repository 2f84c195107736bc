-- clue-evidence-upsert: record evidence files of clues; a row is rewritten only when its file changed.
-- $1 jcbhs text[], $2 kinds text[], $3 paths text[], $4 media_types text[], $5 sha256s text[],
-- $6 contents bytea[] (the file's bytes; null for the HTML page, which the export builds)
-- returns: jcbh, kind of the rows inserted or changed now
INSERT INTO clue_evidence (jcbh, kind, path, media_type, sha256, content)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[])
ON CONFLICT (jcbh, kind) DO UPDATE
   SET path = EXCLUDED.path, media_type = EXCLUDED.media_type, sha256 = EXCLUDED.sha256, content = EXCLUDED.content, created_at = now()
 WHERE clue_evidence.path IS DISTINCT FROM EXCLUDED.path OR clue_evidence.sha256 IS DISTINCT FROM EXCLUDED.sha256
RETURNING jcbh, kind
