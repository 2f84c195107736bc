import type { PixelRing } from './types.ts';

/** Vertex key for maps: x + y·2^22 (grids up to 4 194 304 pixels a side). */
export const KEY_STRIDE = 4194304;

/**
 * Splits a closed rectilinear walk (corner vertices, flat [x0, y0, ...], global pixel coordinates)
 * that may pass twice through a vertex into simple rings, each rotated to start at its smallest
 * (y, x) vertex.
 *
 * Why: a ring that touches itself is invalid in OGC/GEOS ("Ring Self-intersection"). The only
 * vertices a pixel-boundary walk can repeat are saddles (two pixels of the patch meeting at a
 * corner); cutting there re-pairs the four edges so each ring passes once. For a 4-connected region
 * the result does not depend on where the walk started (two of its rings never touch twice).
 */
export function simpleRings(walk: readonly number[], mayRepeat: boolean): PixelRing[] {
  if (!mayRepeat) return [canonical(walk)];
  const out: PixelRing[] = [];
  const stack: number[] = [];
  const seen = new Map<number, number>();
  for (let i = 0; i < walk.length; i += 2) {
    const x = walk[i];
    const y = walk[i + 1];
    const key = y * KEY_STRIDE + x;
    const at = seen.get(key);
    if (at !== undefined) {
      const loop = stack.slice(at);
      for (let j = at; j < stack.length; j += 2) seen.delete(stack[j + 1] * KEY_STRIDE + stack[j]);
      stack.length = at;
      out.push(canonical(loop));
    }
    seen.set(key, stack.length);
    stack.push(x, y);
  }
  out.push(canonical(stack));
  return out;
}

/** Rotates a ring to start at its smallest (y, x) vertex. */
function canonical(ring: readonly number[]): PixelRing {
  let best = 0;
  for (let i = 2; i < ring.length; i += 2) {
    const dy = ring[i + 1] - ring[best + 1];
    if (dy < 0 || (dy === 0 && ring[i] < ring[best])) best = i;
  }
  return best === 0 ? ring.slice() : [...ring.slice(best), ...ring.slice(0, best)];
}
