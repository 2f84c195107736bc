-- verify-known-jcbhs: which of the given JCBHs are clues.
-- $1 jcbhs text[]
-- returns: jcbh
SELECT jcbh FROM clues WHERE jcbh = ANY ($1::text[])
