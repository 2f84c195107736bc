-- Records an applied migration in the ledger.
-- $1 integer migration id, $2 text name. Returns: nothing.
INSERT INTO migrations (id, name) VALUES ($1, $2)
