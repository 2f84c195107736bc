/**
 * The pixels of `target` that `source` covers: the source's footprint (its boundary densified and
 * transformed into the target's CRS when they differ) intersected with the target's extent, as a
 * window of target pixels whose centres lie inside. Null when they do not overlap.
 */
import { crsTransform } from '../crs/transform.ts';
import type { Grid, PixelWindow } from '../types.ts';
import { mapToPixel, pixelToMap } from './grid-transform.ts';

const EDGE_STEPS = 32;

export function overlapWindow(target: Grid, source: Grid): PixelWindow | null {
  const toTarget = crsTransform(source.crs, target.crs);
  let minC = Infinity, maxC = -Infinity, minR = Infinity, maxR = -Infinity;
  const add = (col: number, row: number): void => {
    const [sx, sy] = pixelToMap(source, col, row);
    const [x, y] = toTarget(sx, sy);
    const [c, r] = mapToPixel(target, x, y);
    if (!Number.isFinite(c) || !Number.isFinite(r)) return;
    minC = Math.min(minC, c); maxC = Math.max(maxC, c);
    minR = Math.min(minR, r); maxR = Math.max(maxR, r);
  };
  const steps = source.crs === target.crs ? 1 : EDGE_STEPS;
  for (let i = 0; i <= steps; i++) {
    const f = i / steps;
    add(f * source.width, 0);
    add(f * source.width, source.height);
    add(0, f * source.height);
    add(source.width, f * source.height);
  }
  // Pixels whose centre (c + 0.5) lies inside [minC, maxC].
  const x0 = Math.max(0, Math.ceil(minC - 0.5 - 1e-9));
  const x1 = Math.min(target.width, Math.floor(maxC - 0.5 + 1e-9) + 1);
  const y0 = Math.max(0, Math.ceil(minR - 0.5 - 1e-9));
  const y1 = Math.min(target.height, Math.floor(maxR - 0.5 + 1e-9) + 1);
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
