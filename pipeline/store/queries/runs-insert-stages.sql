-- One progress row per stage of a run. $1 run id, $2 stage names (text[]). Returns nothing.
INSERT INTO run_stages (run_id, stage) SELECT $1, s FROM unnest($2::text[]) AS s
ON CONFLICT (run_id, stage) DO NOTHING
