-- Drops fragments judged to be no change (or no part of one). $1 run id, $2 patch ids.
DELETE FROM patches WHERE run_id = $1 AND id = ANY ($2::bigint[]) AND fragment
