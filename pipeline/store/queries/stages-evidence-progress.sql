-- The evidence stage's progress: clues with their page recorded out of the run's clues. $1 run id.
UPDATE run_stages s
   SET done = n.done, total = n.total, updated_at = now()
  FROM (SELECT count(*)::int AS total,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM clue_evidence v WHERE v.jcbh = c.jcbh AND v.kind = 'html'))::int AS done
          FROM clues c WHERE c.run_id = $1) n
 WHERE s.run_id = $1 AND s.stage = 'evidence' AND s.status <> 'done'
