-- Whether PostGIS knows a source SRID (so ST_Transform can use it), and whether it is geographic.
-- $1 integer SRID. Returns: srid, geographic (boolean); one row if known, none otherwise.
SELECT srid, proj4text LIKE '+proj=longlat%' AS geographic FROM spatial_ref_sys WHERE srid = $1
