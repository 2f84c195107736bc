-- Starts a (re)submission: bumps the generation, clears a failure. $1 run id. Returns generation.
UPDATE runs SET generation = generation + 1, status = CASE WHEN status = 'finished' THEN status ELSE 'running' END,
  error = CASE WHEN status = 'finished' THEN error ELSE NULL END
WHERE id = $1 RETURNING generation
