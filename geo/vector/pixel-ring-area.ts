/**
 * Shoelace sum of a ring given as flat [x0, y0, x1, y1, ...] (not closed): twice the signed area in
 * the ring's own units. For pixel rings (y down) a shell gives a negative value, a hole a positive
 * one (see PixelRing).
 */
export function ringShoelace(ring: ArrayLike<number>): number {
  const n = ring.length;
  let s = 0;
  let px = ring[n - 2];
  let py = ring[n - 1];
  for (let i = 0; i < n; i += 2) {
    const x = ring[i];
    const y = ring[i + 1];
    s += px * y - x * py;
    px = x;
    py = y;
  }
  return s;
}
