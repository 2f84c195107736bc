-- clues-create-lock: serialises clue numbering per county-year until the transaction ends.
-- $1 text XZQDM, $2 integer year
-- Returns: one row (void)
SELECT pg_advisory_xact_lock(hashtext('landwatch:jcbh:' || $1 || ':' || $2::text))
