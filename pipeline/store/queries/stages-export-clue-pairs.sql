-- The image pair each clue of a run was detected on (its patch's pair), for the evidence chips.
-- $1 run id.
-- Returns jcbh, pair_id, before_path, after_path (paths null when the patch has no pair).
SELECT c.jcbh, p.pair_id, b.path AS before_path, a.path AS after_path
FROM clues c
JOIN patches p ON p.id = c.patch_id
LEFT JOIN pairs pr ON pr.run_id = p.run_id AND pr.pair_id = p.pair_id
LEFT JOIN images b ON b.id = pr.before_id
LEFT JOIN images a ON a.id = pr.after_id
WHERE c.run_id = $1
ORDER BY c.jcbh
