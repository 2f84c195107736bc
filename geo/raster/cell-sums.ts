/**
 * A coarse picture of a window for the run's overview map, made while the window's pixels are in
 * memory anyway (the map then costs no second read of the scene). The grid is cut into square cells
 * of `cell` pixels anchored at its origin; a window adds, per cell it touches, the sums of three
 * bands over its valid pixels and their count. Sums rather than means, so windows whose borders cut
 * a cell add up to that cell's mean.
 */
import type { BandStack, PixelWindow } from '../types.ts';

export interface CellSums {
  /** Cell size in pixels of the grid. */
  cell: number;
  /** Cell index (column, row) of the first cell, and cells across and down. */
  x0: number;
  y0: number;
  nx: number;
  ny: number;
  /** Per cell, row by row: sum of band 1, band 2, band 3, then the count of valid pixels. */
  sums: Float32Array;
}

/** Cells across the longer side of the area a picture is for (a run's images), about. */
const CELLS_ACROSS = 1024;

/**
 * The cell size in pixels of `pixelM` metres for pictures of an area `extentM` metres across: a power
 * of two (cells then tile windows of a power-of-two size) near extentM / CELLS_ACROSS, at least a
 * pixel. A run's pictures then hold about a million cells, however many pairs it has.
 */
export function pictureCell(extentM: number, pixelM: number): number {
  const k = extentM / CELLS_ACROSS / pixelM;
  return !(k > 1) ? 1 : 2 ** Math.round(Math.log2(k));
}

/**
 * Sums over `region` (grid pixels) of `stack`, whose pixel (0, 0) is grid pixel (`at.x`, `at.y`);
 * `bands` are the three bands to sum (e.g. red, green, blue).
 */
export function cellSums(stack: BandStack, at: { x: number; y: number }, region: PixelWindow, bands: [number, number, number], cell: number): CellSums {
  const x0 = Math.floor(region.x / cell);
  const y0 = Math.floor(region.y / cell);
  const nx = Math.ceil((region.x + region.width) / cell) - x0;
  const ny = Math.ceil((region.y + region.height) / cell) - y0;
  const sums = new Float32Array(nx * ny * 4);
  const [r, g, b] = bands.map((k) => stack.bands[k]);
  const { valid, width } = stack;
  // Per row, into float64 accumulators of the row of cells, flushed when the cell row ends: float32
  // sums of hundreds of 16-bit values would round.
  const acc = new Float64Array(nx * 4);
  const xEnd = region.x + region.width;
  for (let y = region.y; y < region.y + region.height; y++) {
    const row = (y - at.y) * width - at.x;
    for (let c = 0; c < nx; c++) {
      let sr = 0, sg = 0, sb = 0, k = 0;
      const end = row + Math.min(xEnd, (x0 + c + 1) * cell);
      for (let i = row + Math.max(region.x, (x0 + c) * cell); i < end; i++) {
        if (!valid[i]) continue;
        sr += r[i];
        sg += g[i];
        sb += b[i];
        k++;
      }
      acc[c * 4] += sr;
      acc[c * 4 + 1] += sg;
      acc[c * 4 + 2] += sb;
      acc[c * 4 + 3] += k;
    }
    if ((y + 1) % cell === 0 || y === region.y + region.height - 1) {
      sums.set(acc, (Math.floor(y / cell) - y0) * nx * 4);
      acc.fill(0);
    }
  }
  return { cell, x0, y0, nx, ny, sums };
}
