-- Forgets an earlier problem with an input that now worked. $1 run id, $2 stage, $3 subject.
DELETE FROM run_problems WHERE run_id = $1 AND stage = $2 AND subject = $3
