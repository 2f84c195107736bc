-- Records a stage's progress. $1 run id, $2 stage, $3 done, $4 total. Returns nothing.
UPDATE run_stages SET done = $3, total = $4, updated_at = now() WHERE run_id = $1 AND stage = $2
