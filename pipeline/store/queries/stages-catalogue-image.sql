-- Upserts one catalogued tile; the footprint is the grid's extent (densified) moved to EPSG:4490.
-- $1 run id, $2 role, $3 path, $4 acquired (date or null), $5 width, $6 height, $7 bands, $8 crs,
-- $9 meta (jsonb), $10..$13 xmin, ymin, xmax, ymax in the tile's CRS, $14 mask path (or null).
-- Returns id.
INSERT INTO images (run_id, role, path, acquired, width, height, bands, crs, meta, footprint, mask_path)
VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9::jsonb,
  ST_Transform(ST_Segmentize(ST_MakeEnvelope($10, $11, $12, $13, $8::int), GREATEST($12 - $10, $13 - $11) / 16.0), 4490), $14)
ON CONFLICT (run_id, role, path) DO UPDATE SET acquired = EXCLUDED.acquired, width = EXCLUDED.width,
  height = EXCLUDED.height, bands = EXCLUDED.bands, crs = EXCLUDED.crs, meta = EXCLUDED.meta,
  footprint = EXCLUDED.footprint, mask_path = EXCLUDED.mask_path
RETURNING id
