-- Units of a run by status. $1 run id. Returns status, n.
SELECT status, count(*)::int AS n FROM units WHERE run_id = $1 GROUP BY status
