-- evidence-chips: the stored chip files of clues, for writing them out. $1 jcbhs text[].
-- returns: jcbh, kind, base64 (the content as base64 text, in lines of 76 characters, which data URIs
-- and Buffer.from ignore), ordered by JCBH and kind.
-- Base64 rather than bytea: the pages embed it as it is, and as text it crosses the wire in 4/3 of
-- the bytes where bytea's hex takes 2, then parses with no per-byte work in the client.
SELECT jcbh, kind, encode(content, 'base64') AS base64 FROM clue_evidence
 WHERE jcbh = ANY ($1::text[]) AND kind <> 'html' AND content IS NOT NULL
 ORDER BY jcbh, kind
