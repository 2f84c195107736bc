import type { Grid } from '../types.ts';

/** EPSG codes whose map units are degrees (the geographic CRSs landwatch reads). */
export const GEOGRAPHIC: ReadonlySet<number> = new Set([4326, 4490]);

/** Web Mercator's sphere radius: its map metres are 1 / cos(latitude) ground metres. */
const WEB_MERCATOR_R = 6378137;

/**
 * Ground size of one pixel in metres (geometric mean of width and height). For geographic grids
 * the size is taken at the grid's centre on the GRS80 ellipsoid, and for Web Mercator (EPSG:3857) at
 * its centre's latitude (a map metre there is cos(latitude) ground metres: 0.87 at 30°N), which is
 * close enough for neighbourhood radii and minimum-area thresholds (not for reported areas).
 */
export function pixelSizeM(grid: Grid): number {
  if (grid.crs === 3857) {
    const lat = Math.atan(Math.sinh((grid.originY - (grid.height * grid.resY) / 2) / WEB_MERCATOR_R));
    return Math.sqrt(grid.resX * grid.resY) * Math.cos(lat);
  }
  if (!GEOGRAPHIC.has(grid.crs)) return Math.sqrt(grid.resX * grid.resY);
  const m = metresPerDegree(grid.originY - (grid.height * grid.resY) / 2);
  return Math.sqrt(grid.resX * m.lon * grid.resY * m.lat);
}

/** Ground metres per degree of longitude and of latitude at latitude `latDeg`, on the GRS80 ellipsoid. */
export function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const a = 6378137;
  const e2 = 0.00669438002290079;
  const lat = (latDeg * Math.PI) / 180;
  const s = Math.sin(lat);
  const w = Math.sqrt(1 - e2 * s * s);
  return { lon: ((Math.PI / 180) * a * Math.cos(lat)) / w, lat: ((Math.PI / 180) * a * (1 - e2)) / (w * w * w) };
}
