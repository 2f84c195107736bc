-- evidence-pair-shift: the co-registration of the later date that a run's detection applied to the
-- pair of these two images (SceneModel.shift, [x, y] px), so chips drawn from them outside the run's
-- evidence stage outline the same place. $1 run id, $2 / $3 the before / after path as given and
-- resolved (text[]: a run stores resolved paths, URLs as they are).
-- returns: shift (null when the pair was not cut, not shifted, or not in the run)
SELECT pr.model -> 'shift' AS shift
FROM pairs pr JOIN images b ON b.id = pr.before_id JOIN images a ON a.id = pr.after_id
WHERE pr.run_id = $1 AND b.path = ANY ($2::text[]) AND a.path = ANY ($3::text[])
LIMIT 1
