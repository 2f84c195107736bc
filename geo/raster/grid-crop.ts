/** The sub-grid covering pixel window `win` of `grid` (same CRS and pixel size, shifted origin). */
import type { Grid, PixelWindow } from '../types.ts';

export function cropGrid(grid: Grid, win: PixelWindow): Grid {
  return {
    crs: grid.crs,
    originX: grid.originX + win.x * grid.resX,
    originY: grid.originY - win.y * grid.resY,
    resX: grid.resX,
    resY: grid.resY,
    width: win.width,
    height: win.height,
  };
}
