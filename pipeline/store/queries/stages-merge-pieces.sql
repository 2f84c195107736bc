-- Pieces of a pair's detected units, in unit order. $1 run id, $2 pair id. Returns unit_id, pieces.
SELECT up.unit_id, up.pieces
FROM unit_pieces up JOIN units u ON u.run_id = up.run_id AND u.unit_id = up.unit_id
WHERE up.run_id = $1 AND u.pair_id = $2 AND u.status = 'done'
ORDER BY up.unit_id
