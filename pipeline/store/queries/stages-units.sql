-- Units with what detecting them needs. $1 run id, $2 unit ids (text[]).
-- Returns unit_id, pair_id, win, status, before_path, after_path, before_mask, after_mask (null: none), model.
SELECT u.unit_id, u.pair_id, u.win, u.status, b.path AS before_path, a.path AS after_path,
  b.mask_path AS before_mask, a.mask_path AS after_mask, p.model
FROM units u JOIN pairs p ON p.run_id = u.run_id AND p.pair_id = u.pair_id
JOIN images b ON b.id = u.before_id JOIN images a ON a.id = u.after_id
WHERE u.run_id = $1 AND u.unit_id = ANY($2::text[])
