-- Serialises imports of one layer kind until the end of the transaction (versions are max + 1).
-- $1 text kind. Returns: one row, no useful columns.
SELECT pg_advisory_xact_lock(hashtext('landwatch.layers:' || $1::text))
