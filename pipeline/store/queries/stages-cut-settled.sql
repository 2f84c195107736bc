-- A run's pairs for the cut stage: how many there are, how many are cut (have a model) and how many
-- could not be used (no model, and a cut problem named after the pair). $1 run id.
-- Returns total, cut, failed.
SELECT count(*)::int AS total,
  count(*) FILTER (WHERE p.model IS NOT NULL)::int AS cut,
  count(*) FILTER (WHERE p.model IS NULL AND EXISTS (
    SELECT 1 FROM run_problems q WHERE q.run_id = p.run_id AND q.stage = 'cut' AND starts_with(q.subject, p.pair_id || ' (')))::int AS failed
FROM pairs p WHERE p.run_id = $1
