/**
 * Pixel ↔ longitude/latitude (WGS84 degrees; CGCS2000 differs by centimetres) on a Grid, through
 * the pinned proj4 definitions. Pixel coordinates are continuous, (0.5, 0.5) = centre of pixel 0.
 */
import { crsTransform } from '../crs/transform.ts';
import type { Grid } from '../types.ts';
import { mapToPixel, pixelToMap } from './grid-transform.ts';

/** [lon, lat] of continuous pixel position (col, row). */
export function pixelToLonLat(grid: Grid, col: number, row: number): [number, number] {
  const [x, y] = pixelToMap(grid, col, row);
  return crsTransform(grid.crs, 4326)(x, y);
}

/** Continuous pixel position [col, row] of (lon, lat). */
export function lonLatToPixel(grid: Grid, lon: number, lat: number): [number, number] {
  const [x, y] = crsTransform(4326, grid.crs)(lon, lat);
  return mapToPixel(grid, x, y);
}
