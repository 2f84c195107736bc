-- Serialises start-up DDL (CREATE EXTENSION / CREATE SCHEMA IF NOT EXISTS race between concurrent
-- starters) until the end of the transaction. Params: none. Returns: one row, no useful columns.
SELECT pg_advisory_xact_lock(hashtext('landwatch.setup'))
