-- Inputs that could not be used (e.g. a corrupt tile). $1 run id. Returns stage, subject, code, message.
SELECT stage, subject, code, message FROM run_problems WHERE run_id = $1 ORDER BY stage, subject
