-- Recomputes the detect stage's progress from the units; done when every unit is settled.
-- $1 run id. Returns nothing.
UPDATE run_stages s SET done = c.settled, total = c.total, updated_at = now(),
  started_at = COALESCE(s.started_at, now()),
  finished_at = CASE WHEN c.settled = c.total AND c.total > 0 THEN COALESCE(s.finished_at, now()) ELSE s.finished_at END,
  status = CASE WHEN c.settled = c.total AND c.total > 0 THEN 'done' WHEN s.status = 'done' THEN 'done' ELSE 'running' END
FROM (SELECT count(*) FILTER (WHERE status <> 'pending')::int AS settled, count(*)::int AS total
      FROM units WHERE run_id = $1) c
WHERE s.run_id = $1 AND s.stage = 'detect'
