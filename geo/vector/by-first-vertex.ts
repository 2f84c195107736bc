import type { PixelRing } from './types.ts';

/** Comparator of canonical rings by their first vertex: y, then x. */
export function byFirstVertex(a: PixelRing, b: PixelRing): number {
  return a[1] - b[1] || a[0] - b[0];
}
