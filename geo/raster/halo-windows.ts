import { InputError } from '../errors.ts';
import type { HaloWindow } from '../types.ts';

/**
 * Cuts a width × height pixel grid into work windows (pixel coordinates of the grid, x = column,
 * y = row). Cores are size × size squares (smaller at the right and bottom edges) that tile the grid
 * exactly, listed row-major (left to right, then top to bottom); `outer` is the core grown by `halo`
 * pixels on every side and clipped to the grid. The cores form a regular grid, which
 * geo/vector/merge-pieces relies on to find neighbouring pieces.
 */
export function haloWindows(width: number, height: number, size: number, halo: number): HaloWindow[] {
  for (const [name, v, min] of [
    ['width', width, 1],
    ['height', height, 1],
    ['size', size, 1],
    ['halo', halo, 0],
  ] as const) {
    if (!Number.isInteger(v) || v < min) throw new InputError('BAD_OPTION', `${name} must be an integer >= ${min}, got ${v}`);
  }
  const out: HaloWindow[] = [];
  for (let y = 0; y < height; y += size) {
    const h = Math.min(size, height - y);
    const oy = Math.max(0, y - halo);
    const oh = Math.min(height, y + h + halo) - oy;
    for (let x = 0; x < width; x += size) {
      const w = Math.min(size, width - x);
      const ox = Math.max(0, x - halo);
      const ow = Math.min(width, x + w + halo) - ox;
      out.push({ core: { x, y, width: w, height: h }, outer: { x: ox, y: oy, width: ow, height: oh } });
    }
  }
  return out;
}
