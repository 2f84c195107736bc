-- overlay-patch-ids: the patches of a run to overlay, in id order (the overlay batches them).
-- $1 text      run id
-- $2 bigint[]  restrict to these patch ids, or NULL for all of the run
-- Returns: id bigint
SELECT id FROM patches
WHERE run_id = $1 AND ($2::bigint[] IS NULL OR id = ANY ($2::bigint[]))
ORDER BY id
