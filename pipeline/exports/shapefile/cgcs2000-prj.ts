/**
 * The .prj of EPSG:4490 (CGCS2000 geographic) in the ESRI WKT flavour ArcGIS writes and QGIS reads
 * (GCS_China_Geodetic_Coordinate_System_2000, datum D_China_2000, ellipsoid a = 6378137,
 * 1/f = 298.257222101).
 */
export const CGCS2000_PRJ =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
