-- Records an input that could not be used. $1 run id, $2 stage, $3 subject, $4 code, $5 message.
INSERT INTO run_problems (run_id, stage, subject, code, message) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (run_id, stage, subject) DO UPDATE SET code = EXCLUDED.code, message = EXCLUDED.message, at = now()
