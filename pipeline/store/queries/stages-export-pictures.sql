-- The units' pictures of a run (migration 0025), a page at a time in unit order.
-- $1 run id, $2 the last unit id of the previous page ('' for the first), $3 page size.
-- Returns unit_id, pair_id, picture_cells ({cell, x0, y0, nx, ny}), picture (float32 LE sums).
SELECT up.unit_id, u.pair_id, up.picture_cells, up.picture
FROM unit_pieces up JOIN units u ON u.run_id = up.run_id AND u.unit_id = up.unit_id
WHERE up.run_id = $1 AND up.unit_id > $2 AND up.picture IS NOT NULL
ORDER BY up.unit_id
LIMIT $3
