-- Whether PostGIS knows a source SRID (so ST_Transform can use it).
-- $1 integer SRID. Returns: srid (one row if known, none otherwise).
SELECT srid FROM spatial_ref_sys WHERE srid = $1
