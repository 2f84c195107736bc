-- 0025: each unit's later date, coarse (CellSums: per cell of the pair's grid, three band sums and a
-- pixel count), recorded with its pieces, so the export draws the run's overview map without reading
-- the scene again. picture_cells holds the cell size and extent ({cell, x0, y0, nx, ny}), picture
-- the sums as little-endian float32. Null for units detected before this column (no map is drawn
-- from them).
ALTER TABLE unit_pieces ADD COLUMN picture_cells jsonb;
ALTER TABLE unit_pieces ADD COLUMN picture bytea;
