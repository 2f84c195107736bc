/**
 * EPSG code from a CRS name as it appears in GeoJSON `crs` members, `--srs` options and .prj files:
 * 'EPSG:4526', 'urn:ogc:def:crs:EPSG::4526', 'urn:ogc:def:crs:OGC:1.3:CRS84', ESRI names such as
 * 'CGCS2000_3_Degree_GK_Zone_38', 'CGCS2000_3_Degree_GK_CM_114E', 'WGS_1984_UTM_Zone_32N',
 * 'GCS_WGS_1984', 'GCS_China_Geodetic_Coordinate_System_2000', and the EPSG names
 * ('CGCS2000 / 3-degree Gauss-Kruger zone 38', 'WGS 84 / UTM zone 32N'). Undefined when unknown.
 *
 * CGCS2000 codes (EPSG): 4491–4501 6° GK zones 13–23 with zone prefix, 4502–4512 the same by central
 * meridian (75°E…135°E), 4513–4533 3° GK zones 25–45 with prefix, 4534–4554 the same by central meridian.
 */
export function sridFromName(raw: string): number | undefined {
  const name = raw.trim();
  let m = /^(?:urn:ogc:def:crs:)?EPSG:(?:[\d.]*:)?(\d+)$/i.exec(name) ?? /^EPSG\s*:\s*(\d+)$/i.exec(name);
  if (m) return Number(m[1]);
  if (/^(?:urn:ogc:def:crs:OGC:1\.3:CRS84|CRS84|OGC:CRS84)$/i.test(name)) return 4326;
  const n = name.replace(/[\s\-/]+/g, '_').replace(/_+/g, '_').toLowerCase();
  if (/^(gcs_)?(wgs_1984|wgs_84|wgs84)$/.test(n)) return 4326;
  if (/^(gcs_)?(china_geodetic_coordinate_system_2000|cgcs2000|cgcs_2000)$/.test(n)) return 4490;
  if (/^(wgs_1984_)?web_mercator(_auxiliary_sphere)?$|^wgs_84_pseudo_mercator$|^pseudo_mercator$/.test(n)) return 3857;
  m = /^(?:wgs_1984|wgs_84)_utm_zone_(\d{1,2})([ns])$/.exec(n);
  if (m) return (m[2] === 'n' ? 32600 : 32700) + Number(m[1]);
  m = /^cgcs2000_3_degree_(?:gk|gauss_kruger)_zone_(\d{2})$/.exec(n);
  if (m && +m[1] >= 25 && +m[1] <= 45) return 4513 + (+m[1] - 25);
  m = /^cgcs2000_3_degree_(?:gk|gauss_kruger)_cm_(\d{2,3})e?$/.exec(n);
  if (m && +m[1] % 3 === 0 && +m[1] >= 75 && +m[1] <= 135) return 4534 + (+m[1] / 3 - 25);
  m = /^cgcs2000_(?:6_degree_)?(?:gk|gauss_kruger)_zone_(\d{2})$/.exec(n);
  if (m && +m[1] >= 13 && +m[1] <= 23) return 4491 + (+m[1] - 13);
  m = /^cgcs2000_(?:6_degree_)?(?:gk|gauss_kruger)_cm_(\d{2,3})e?$/.exec(n);
  if (m && (+m[1] + 3) % 6 === 0 && +m[1] >= 75 && +m[1] <= 135) return 4502 + ((+m[1] + 3) / 6 - 13);
  return undefined;
}
