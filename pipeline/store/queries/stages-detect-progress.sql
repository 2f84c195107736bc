-- Recomputes the detect stage's progress from the units; done when every unit is settled and the
-- cut stage is done (cut hands units over pair by pair, so the first pairs' may all be settled
-- while later pairs are still being cut). $1 run id. Returns nothing.
UPDATE run_stages s SET done = c.settled, total = c.total, updated_at = now(),
  started_at = COALESCE(s.started_at, now()),
  finished_at = CASE WHEN c.complete THEN COALESCE(s.finished_at, now()) ELSE s.finished_at END,
  status = CASE WHEN c.complete THEN 'done' WHEN s.status = 'done' THEN 'done' ELSE 'running' END
FROM (SELECT u.settled, u.total,
        u.settled = u.total AND u.total > 0
          AND EXISTS (SELECT 1 FROM run_stages k WHERE k.run_id = $1 AND k.stage = 'cut' AND k.status = 'done') AS complete
      FROM (SELECT count(*) FILTER (WHERE status <> 'pending')::int AS settled, count(*)::int AS total
            FROM units WHERE run_id = $1) u) c
WHERE s.run_id = $1 AND s.stage = 'detect'
