-- Drops a pair's patches that a re-run no longer produced. $1 run id, $2 pair id, $3 keys kept (text[]).
DELETE FROM patches WHERE run_id = $1 AND pair_id = $2 AND NOT (patch_key = ANY ($3::text[]))
