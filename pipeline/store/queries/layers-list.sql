-- All layer versions, newest first within each kind.
-- Params: none. Returns: id, kind, version, name, source, source_srid, imported_at, feature_count,
-- repaired_count, skipped_count, is_current, pieces (layer_features rows).
SELECT l.id, l.kind, l.version, l.name, l.source, l.source_srid, l.imported_at, l.feature_count,
       l.repaired_count, l.skipped_count, l.is_current,
       (SELECT count(*) FROM layer_features f WHERE f.layer_id = l.id)::integer AS pieces
FROM layers l
ORDER BY l.kind, l.version DESC
