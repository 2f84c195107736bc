-- Serialises migration runs on one schema until the end of the current transaction.
-- Params: none (the lock key is derived from the current schema). Returns: one row, no useful columns.
SELECT pg_advisory_xact_lock(hashtext('landwatch.migrate:' || current_schema()))
