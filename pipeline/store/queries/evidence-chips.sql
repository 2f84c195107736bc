-- evidence-chips: the stored chip files of clues, for writing them out. $1 jcbhs text[].
-- returns: jcbh, kind, content (bytea), ordered by JCBH and kind
SELECT jcbh, kind, content FROM clue_evidence
 WHERE jcbh = ANY ($1::text[]) AND kind <> 'html' AND content IS NOT NULL
 ORDER BY jcbh, kind
