/**
 * Pixel ↔ map coordinates on a north-up Grid. Pixel coordinates are continuous: (col, row) =
 * (0, 0) is the top-left corner of the top-left pixel, (0.5, 0.5) its centre. Map coordinates are
 * in the grid's CRS units (x = easting or longitude).
 */
import type { Grid } from '../types.ts';

/** Map [x, y] of continuous pixel position (col, row). */
export function pixelToMap(grid: Grid, col: number, row: number): [number, number] {
  return [grid.originX + col * grid.resX, grid.originY - row * grid.resY];
}

/** Continuous pixel position [col, row] of map point (x, y); the inverse of pixelToMap. */
export function mapToPixel(grid: Grid, x: number, y: number): [number, number] {
  return [(x - grid.originX) / grid.resX, (grid.originY - y) / grid.resY];
}
