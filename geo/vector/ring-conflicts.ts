/**
 * Rings (flat [x0, y0, ...], not closed, any planar units) that intersect themselves or another ring
 * of the list, touching included: the validity check after simplification. Segments are bucketed in
 * a uniform grid; exact for the half-pixel coordinates the simplifier produces.
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
  // Uniform grid over segment bounding boxes; a pair is tested only in the cell holding the
  // top-left corner of the overlap of their boxes, so once.
  const x0 = new Float64Array(total);
  const y0 = new Float64Array(total);
  const x1 = new Float64Array(total);
  const y1 = new Float64Array(total);
  let gx0 = Infinity;
  let gy0 = Infinity;
  let gx1 = -Infinity;
  let gy1 = -Infinity;
  for (let i = 0; i < total; i++) {
    x0[i] = Math.min(ax[i], bx[i]);
    x1[i] = Math.max(ax[i], bx[i]);
    y0[i] = Math.min(ay[i], by[i]);
    y1[i] = Math.max(ay[i], by[i]);
    gx0 = Math.min(gx0, x0[i]);
    gy0 = Math.min(gy0, y0[i]);
    gx1 = Math.max(gx1, x1[i]);
    gy1 = Math.max(gy1, y1[i]);
  }
  // Small inputs: one cell, all pairs.
  const cell = total <= 64 ? Infinity : Math.max(4, Math.sqrt(((gx1 - gx0 + 1) * (gy1 - gy0 + 1)) / total) * 2);
  const cols = cell === Infinity ? 1 : Math.floor((gx1 - gx0) / cell) + 1;
  const cx = (x: number): number => (cell === Infinity ? 0 : Math.floor((x - gx0) / cell));
  const cy = (y: number): number => (cell === Infinity ? 0 : Math.floor((y - gy0) / cell));
  const cells = new Map<number, number[]>();
  for (let i = 0; i < total; i++) {
    for (let r = cy(y0[i]); r <= cy(y1[i]); r++) {
      for (let c = cx(x0[i]); c <= cx(x1[i]); c++) {
        const key = r * cols + c;
        const list = cells.get(key);
        if (list === undefined) cells.set(key, [i]);
        else list.push(i);
      }
    }
  }
  const bad = new Set<number>();
  for (const [key, list] of cells) {
    for (let u = 0; u < list.length; u++) {
      const s = list[u];
      for (let w = u + 1; w < list.length; w++) {
        const t = list[w];
        if (x0[t] > x1[s] || x1[t] < x0[s] || y0[t] > y1[s] || y1[t] < y0[s]) continue;
        if (cy(Math.max(y0[s], y0[t])) * cols + cx(Math.max(x0[s], x0[t])) !== key) continue;
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
