-- The lon/lat extent (CGCS2000) of a run's catalogued images. $1 run id.
-- Returns xmin, ymin, xmax, ymax (null when the run has no images).
SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
FROM (SELECT ST_Extent(footprint) AS e FROM images WHERE run_id = $1) x
