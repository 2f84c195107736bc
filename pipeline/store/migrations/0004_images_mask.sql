-- 0004: a tile's cloud mask, catalogued with the tile (the sidecar <name>.mask.tif next to
-- <name>.tif; null when there is none). Workers read the mask by this path, like the tile itself.
ALTER TABLE images ADD COLUMN mask_path text;
