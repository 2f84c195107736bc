/**
 * Rings (flat [x0, y0, ...], not closed, any planar units) that intersect themselves or another ring
 * of the list, touching included: the validity check after simplification. A sweep over segments
 * sorted by their smallest x; exact for the half-pixel coordinates the simplifier produces.
 * Returns the indices of the rings involved.
 */
export function ringConflicts(rings: readonly (readonly number[])[]): Set<number> {
  let total = 0;
  for (const r of rings) total += r.length >> 1;
  const ax = new Float64Array(total);
  const ay = new Float64Array(total);
  const bx = new Float64Array(total);
  const by = new Float64Array(total);
  const ring = new Int32Array(total);
  const pos = new Int32Array(total);
  const size = new Int32Array(total);
  let k = 0;
  rings.forEach((r, ri) => {
    const n = r.length >> 1;
    for (let i = 0; i < n; i++, k++) {
      const j = (i + 1) % n;
      ax[k] = r[2 * i];
      ay[k] = r[2 * i + 1];
      bx[k] = r[2 * j];
      by[k] = r[2 * j + 1];
      ring[k] = ri;
      pos[k] = i;
      size[k] = n;
    }
  });
  const minX = (s: number): number => Math.min(ax[s], bx[s]);
  const order = Array.from({ length: total }, (_, i) => i).sort((p, q) => minX(p) - minX(q));
  const bad = new Set<number>();
  for (let oi = 0; oi < total; oi++) {
    const s = order[oi];
    const sMaxX = Math.max(ax[s], bx[s]);
    const sMinY = Math.min(ay[s], by[s]);
    const sMaxY = Math.max(ay[s], by[s]);
    for (let oj = oi + 1; oj < total; oj++) {
      const t = order[oj];
      if (minX(t) > sMaxX) break;
      if (Math.min(ay[t], by[t]) > sMaxY || Math.max(ay[t], by[t]) < sMinY) continue;
      if (ring[s] === ring[t]) {
        const n = size[s];
        const d = (pos[t] - pos[s] + n) % n;
        if (d === 1 || d === n - 1) {
          // Neighbours share a vertex; they conflict only if they fold back over each other.
          const [p, q] = d === 1 ? [s, t] : [t, s];
          const o = orient(ax[p], ay[p], bx[p], by[p], bx[q], by[q]);
          const dot = (bx[p] - ax[p]) * (bx[q] - ax[q]) + (by[p] - ay[p]) * (by[q] - ay[q]);
          if (o === 0 && dot < 0 && n > 2) bad.add(ring[s]);
          if (n > 3 || o !== 0) continue;
        }
      }
      if (intersects(ax[s], ay[s], bx[s], by[s], ax[t], ay[t], bx[t], by[t])) {
        bad.add(ring[s]);
        bad.add(ring[t]);
      }
    }
  }
  return bad;
}

function orient(px: number, py: number, qx: number, qy: number, rx: number, ry: number): number {
  const v = (qx - px) * (ry - py) - (qy - py) * (rx - px);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  return Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
}

/** Closed segments pq and rs share a point. */
function intersects(px: number, py: number, qx: number, qy: number, rx: number, ry: number, sx: number, sy: number): boolean {
  const o1 = orient(px, py, qx, qy, rx, ry);
  const o2 = orient(px, py, qx, qy, sx, sy);
  const o3 = orient(rx, ry, sx, sy, px, py);
  const o4 = orient(rx, ry, sx, sy, qx, qy);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(px, py, qx, qy, rx, ry)) return true;
  if (o2 === 0 && onSegment(px, py, qx, qy, sx, sy)) return true;
  if (o3 === 0 && onSegment(rx, ry, sx, sy, px, py)) return true;
  if (o4 === 0 && onSegment(rx, ry, sx, sy, qx, qy)) return true;
  return false;
}
