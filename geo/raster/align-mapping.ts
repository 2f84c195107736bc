/**
 * How target-grid pixels find their source-grid samples.
 * - 'shift': same CRS and pixel size, origins an integer number of pixels apart: source pixel =
 *   target pixel + (dx, dy); no resampling.
 * - 'coords': per target pixel, the continuous source pixel position of its centre. Same CRS: an
 *   affine map. Different CRS: proj4 on a coarse mesh (every MESH target pixels) and bilinear
 *   interpolation between mesh nodes (GDAL's approximate-transformer idea), so proj4 runs on
 *   about 1/1000 of the pixels.
 */
import { crsTransform } from '../crs/transform.ts';
import type { Grid, PixelWindow } from '../types.ts';
import { mapToPixel, pixelToMap } from './grid-transform.ts';

export type PixelMapping =
  | { kind: 'shift'; dx: number; dy: number }
  | { kind: 'coords'; map(win: PixelWindow): { sx: Float64Array; sy: Float64Array } };

const MESH = 32;
/** Offsets within this fraction of a pixel count as integer (registration noise in metadata). */
const SHIFT_TOLERANCE = 1e-3;

export function createPixelMapping(target: Grid, source: Grid): PixelMapping {
  if (target.crs === source.crs) {
    const sameRes = Math.abs(target.resX - source.resX) <= 1e-9 * source.resX && Math.abs(target.resY - source.resY) <= 1e-9 * source.resY;
    const dx = (target.originX - source.originX) / source.resX;
    const dy = (source.originY - target.originY) / source.resY;
    if (sameRes && Math.abs(dx - Math.round(dx)) < SHIFT_TOLERANCE && Math.abs(dy - Math.round(dy)) < SHIFT_TOLERANCE)
      return { kind: 'shift', dx: Math.round(dx), dy: Math.round(dy) };
    // Affine: source col = a + b·(target col), row = c + d·(target row), at pixel centres.
    const ax = dx, bx = target.resX / source.resX;
    const ay = dy, by = target.resY / source.resY;
    return {
      kind: 'coords',
      map(win) {
        const n = win.width * win.height;
        const sx = new Float64Array(n);
        const sy = new Float64Array(n);
        for (let r = 0; r < win.height; r++) {
          const yv = ay + by * (win.y + r + 0.5);
          for (let c = 0; c < win.width; c++) {
            sx[r * win.width + c] = ax + bx * (win.x + c + 0.5);
            sy[r * win.width + c] = yv;
          }
        }
        return { sx, sy };
      },
    };
  }
  const toSource = crsTransform(target.crs, source.crs);
  return {
    kind: 'coords',
    map(win) {
      const nx = Math.ceil(win.width / MESH) + 1;
      const ny = Math.ceil(win.height / MESH) + 1;
      const mx = new Float64Array(nx * ny);
      const my = new Float64Array(nx * ny);
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const [x, y] = pixelToMap(target, win.x + i * MESH + 0.5, win.y + j * MESH + 0.5);
          const [u, v] = toSource(x, y);
          const [c, r] = mapToPixel(source, u, v);
          mx[j * nx + i] = c;
          my[j * nx + i] = r;
        }
      const n = win.width * win.height;
      const sx = new Float64Array(n);
      const sy = new Float64Array(n);
      for (let r = 0; r < win.height; r++) {
        const j = Math.min(Math.floor(r / MESH), ny - 2);
        const fy = (r - j * MESH) / MESH;
        for (let c = 0; c < win.width; c++) {
          const i = Math.min(Math.floor(c / MESH), nx - 2);
          const fx = (c - i * MESH) / MESH;
          const k = j * nx + i;
          const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
          sx[r * win.width + c] = w00 * mx[k] + w10 * mx[k + 1] + w01 * mx[k + nx] + w11 * mx[k + nx + 1];
          sy[r * win.width + c] = w00 * my[k] + w10 * my[k + 1] + w01 * my[k + nx] + w11 * my[k + nx + 1];
        }
      }
      return { sx, sy };
    },
  };
}
