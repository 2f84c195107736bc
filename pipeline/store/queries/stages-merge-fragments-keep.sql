-- Fragments judged to be parts of kept patches become ordinary patches. $1 run id, $2 patch ids.
UPDATE patches SET fragment = false WHERE run_id = $1 AND id = ANY ($2::bigint[])
