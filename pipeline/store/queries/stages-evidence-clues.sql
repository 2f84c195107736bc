-- The clues of a run with the image pair each was detected on (its patch's pair), for evidence.
-- $1 run id, $2 first JCBH | null, $3 last JCBH | null (an inclusive range; null: no bound).
-- Returns jcbh, before_path, after_path (null when the patch has no pair), shift (the pair model's
-- co-registration of the later date, [x, y] px, or null), rendered (the clue has its evidence page
-- recorded), chips (how many chips it has), ordered by JCBH.
SELECT c.jcbh, b.path AS before_path, a.path AS after_path, pr.model -> 'shift' AS shift,
       EXISTS (SELECT 1 FROM clue_evidence v WHERE v.jcbh = c.jcbh AND v.kind = 'html') AS rendered,
       (SELECT count(*)::int FROM clue_evidence v WHERE v.jcbh = c.jcbh AND v.kind <> 'html') AS chips
FROM clues c
JOIN patches p ON p.id = c.patch_id
LEFT JOIN pairs pr ON pr.run_id = p.run_id AND pr.pair_id = p.pair_id
LEFT JOIN images b ON b.id = pr.before_id
LEFT JOIN images a ON a.id = pr.after_id
WHERE c.run_id = $1
  AND ($2::text IS NULL OR c.jcbh >= $2)
  AND ($3::text IS NULL OR c.jcbh <= $3)
ORDER BY c.jcbh
