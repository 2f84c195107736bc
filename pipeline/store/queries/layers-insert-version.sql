-- Adds the next version of a layer kind, not yet current.
-- $1 text kind, $2 text name, $3 text source (file path), $4 integer source SRID.
-- Returns: id, version.
INSERT INTO layers (kind, version, name, source, source_srid)
SELECT $1::text, coalesce(max(version), 0) + 1, $2, $3, $4
FROM layers WHERE kind = $1::text
RETURNING id, version
