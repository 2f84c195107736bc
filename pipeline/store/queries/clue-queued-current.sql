-- clue-queued-current: which of these clues already have their current version in the outbox (so a
-- change to them needs a new version to reach the receiver).
-- $1 jcbhs text[]
-- returns: jcbh
SELECT c.jcbh FROM clues c JOIN outbox o ON o.jcbh = c.jcbh AND o.version = c.version WHERE c.jcbh = ANY ($1::text[])
