-- Builds the CREATE SCHEMA statement for a schema name, quoted by the server (format %I), so the
-- identifier is never interpolated on the client. $1 text schema name. Returns: stmt.
SELECT format('CREATE SCHEMA IF NOT EXISTS %I', $1::text) AS stmt
