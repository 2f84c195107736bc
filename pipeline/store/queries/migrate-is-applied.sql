-- Whether a migration is in the ledger.
-- $1 integer migration id. Returns: one row (id) if applied, none otherwise.
SELECT id FROM migrations WHERE id = $1
