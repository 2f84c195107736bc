import type { Grid } from '../types.ts';

/** EPSG codes whose map units are degrees (the geographic CRSs landwatch reads). */
export const GEOGRAPHIC: ReadonlySet<number> = new Set([4326, 4490]);

/**
 * Ground size of one pixel in metres (geometric mean of width and height). For geographic grids
 * the size is taken at the grid's centre on the GRS80 ellipsoid, which is close enough for
 * neighbourhood radii and minimum-area thresholds (not for reported areas).
 */
export function pixelSizeM(grid: Grid): number {
  if (!GEOGRAPHIC.has(grid.crs)) return Math.sqrt(grid.resX * grid.resY);
  const a = 6378137;
  const e2 = 0.00669438002290079;
  const lat = ((grid.originY - (grid.height * grid.resY) / 2) * Math.PI) / 180;
  const s = Math.sin(lat);
  const w = Math.sqrt(1 - e2 * s * s);
  const metresPerDegLon = ((Math.PI / 180) * a * Math.cos(lat)) / w;
  const metresPerDegLat = ((Math.PI / 180) * a * (1 - e2)) / (w * w * w);
  return Math.sqrt(grid.resX * metresPerDegLon * grid.resY * metresPerDegLat);
}
