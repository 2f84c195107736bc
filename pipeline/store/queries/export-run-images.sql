-- export-run-images: the source images of a run, for evidence chips when none are named.
-- $1 run_id text
-- returns: role ('before' | 'after'), path, acquired (date | null), ordered by role and id
SELECT role, path, acquired FROM images WHERE run_id = $1 ORDER BY role, id
