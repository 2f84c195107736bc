import { ringShoelace } from './pixel-ring-area.ts';
import { ringConflicts } from './ring-conflicts.ts';
import type { PixelPolygon } from './types.ts';

/**
 * Smooths the pixel staircase of a patch's polygons (global pixel coordinates) and returns rings as
 * flat [x0, y0, ...] (not closed, orientation kept), valid and with area within `maxAreaChange`
 * (fraction) of the pixel polygons'.
 *
 * Steps, each ring falling back to the previous step where the next one fails:
 * 1. corner cutting: every ring becomes the ring through the midpoints of its pixel edges. This
 *    cancels the staircase with little area bias (corners lose or gain 1/8 px²), and the rings
 *    stay disjoint (each cut lies in its own pixel quarter), so polygons that met at a corner now
 *    keep a gap instead of touching;
 * 2. Douglas–Peucker with `tolerancePx` on each cut ring, keeping its first vertex. A ring that
 *    degenerates, flips, changes its own area by more than `maxAreaChange` (small rings, where the
 *    result would no longer look like the pixels), crosses or touches any ring, or changes which
 *    rings contain it, goes back to step 1.
 * If the whole patch's area then differs from the pixel area by more than `maxAreaChange`, all rings
 * go back to step 1, and failing that to the exact pixel rings. `tolerancePx` = 0 returns the
 * pixel rings unchanged. Vertices for which `pinned(x, y)` holds are never dropped: on a tile's
 * edge they keep the outline on the edge, where the patch's other part, from the neighbouring tile,
 * meets it (cut from the edge by up to `tolerancePx`, the two parts were never joined).
 */
export function simplifyPixelPolygons(polygons: PixelPolygon[], tolerancePx: number, maxAreaChange = 0.02, pinned?: (x: number, y: number) => boolean): number[][][] {
  const exact = polygons.map((poly) => poly.map((r) => r.slice()));
  if (!(tolerancePx > 0)) return exact;
  const pixelArea = areaOf(exact);
  const flat = exact.flat();
  const cut = flat.map(cutCorners);
  const level = flat.map(() => 2);
  const simple = cut.map((r, i) => {
    const s = douglasPeucker(r, tolerancePx, pinned);
    const a = ringShoelace(s);
    const before = ringShoelace(r);
    if (s.length < 6 || Math.sign(a) !== Math.sign(before) || Math.abs(a - before) > maxAreaChange * Math.abs(before)) level[i] = 1;
    return s;
  });
  const pick = (): number[][] => flat.map((_, i) => (level[i] === 2 ? simple[i] : cut[i]));
  const firsts = new VertexGrid(cut);
  for (;;) {
    const rings = pick();
    const bad = ringConflicts(rings);
    for (let k = 0; k < rings.length; k++) {
      if (level[k] === 2) for (const j of firsts.crossedBy(cut[k], simple[k], k, tolerancePx)) bad.add(j).add(k);
    }
    let demoted = false;
    for (const i of bad) {
      if (level[i] === 2) {
        level[i] = 1;
        demoted = true;
      }
    }
    if (!demoted) break;
  }
  const regroup = (rings: number[][]): number[][][] => {
    let k = 0;
    return exact.map((poly) => poly.map(() => rings[k++]));
  };
  const within = (p: number[][][]): boolean => Math.abs(areaOf(p) - pixelArea) <= maxAreaChange * pixelArea;
  const simplified = regroup(pick());
  if (within(simplified)) return simplified;
  const cutOnly = regroup(cut);
  return within(cutOnly) ? cutOnly : exact;
}

/** Area in px² of polygons (shells minus holes). */
function areaOf(polys: number[][][]): number {
  let a = 0;
  for (const poly of polys) poly.forEach((r, i) => (a += (i === 0 ? 0.5 : -0.5) * Math.abs(ringShoelace(r))));
  return a;
}

/** The ring through the midpoints of the unit pixel edges of a rectilinear ring. */
function cutCorners(ring: number[]): number[] {
  const out: number[] = [];
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const ax = ring[i];
    const ay = ring[i + 1];
    const bx = ring[(i + 2) % n];
    const by = ring[(i + 3) % n];
    const ux = Math.sign(bx - ax) / 2;
    const uy = Math.sign(by - ay) / 2;
    out.push(ax + ux, ay + uy);
    if (Math.abs(bx - ax) + Math.abs(by - ay) > 1) out.push(bx - ux, by - uy);
  }
  return out;
}

/**
 * Douglas–Peucker on a closed ring: split at vertex 0, the vertex farthest from it and any pinned
 * vertex, simplify the chains between them (iteratively), keep the vertices whose offset exceeds `tol`.
 */
function douglasPeucker(ring: number[], tol: number, pinned?: (x: number, y: number) => boolean): number[] {
  const n = ring.length >> 1;
  if (n <= 4) return ring.slice();
  let far = 0;
  let best = -1;
  for (let i = 1; i < n; i++) {
    const d = (ring[2 * i] - ring[0]) ** 2 + (ring[2 * i + 1] - ring[1]) ** 2;
    if (d > best) (best = d), (far = i);
  }
  const keep = new Uint8Array(n + 1);
  keep[0] = keep[far] = keep[n] = 1;
  if (pinned) for (let i = 1; i < n; i++) if (pinned(ring[2 * i], ring[2 * i + 1])) keep[i] = 1;
  const stack: number[] = [];
  for (let a = 0, b = 1; b <= n; b++) {
    if (!keep[b]) continue;
    stack.push(a, b);
    a = b;
  }
  const x = (i: number): number => ring[2 * (i % n)];
  const y = (i: number): number => ring[2 * (i % n) + 1];
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    const dx = x(b) - x(a);
    const dy = y(b) - y(a);
    const len = Math.hypot(dx, dy);
    let maxD = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const d = len === 0 ? Math.hypot(x(i) - x(a), y(i) - y(a)) : Math.abs(dx * (y(i) - y(a)) - dy * (x(i) - x(a))) / len;
      if (d > maxD) (maxD = d), (at = i);
    }
    if (at >= 0 && maxD > tol) {
      keep[at] = 1;
      stack.push(a, at, at, b);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(ring[2 * i], ring[2 * i + 1]);
  return out;
}

/**
 * First vertices of rings, hashed in 4-px cells, to find rings that a simplification moved from
 * inside to outside a ring or back. Douglas–Peucker keeps every dropped vertex within `tol` of the
 * chord that replaced it, so the area between old and new ring lies within `tol` of the new ring's
 * segments: only first vertices that close can have changed sides.
 */
class VertexGrid {
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly rings: number[][]) {
    rings.forEach((r, i) => {
      const key = cellKey(Math.floor(r[0] / 4), Math.floor(r[1] / 4));
      const list = this.cells.get(key);
      if (list === undefined) this.cells.set(key, [i]);
      else list.push(i);
    });
  }

  /** Rings (≠ self) whose first vertex is inside exactly one of `before` and `after`. */
  crossedBy(before: number[], after: number[], self: number, tol: number): number[] {
    const near = new Set<number>();
    const n = after.length;
    for (let i = 0; i < n; i += 2) {
      const ax = after[i];
      const ay = after[i + 1];
      const bx = after[(i + 2) % n];
      const by = after[(i + 3) % n];
      for (let cx = Math.floor((Math.min(ax, bx) - tol) / 4); cx <= Math.floor((Math.max(ax, bx) + tol) / 4); cx++) {
        for (let cy = Math.floor((Math.min(ay, by) - tol) / 4); cy <= Math.floor((Math.max(ay, by) + tol) / 4); cy++) {
          for (const j of this.cells.get(cellKey(cx, cy)) ?? []) {
            const r = this.rings[j];
            if (j !== self && segmentDistance(r[0], r[1], ax, ay, bx, by) <= tol + 1e-9) near.add(j);
          }
        }
      }
    }
    return [...near].filter((j) => {
      const r = this.rings[j];
      return insideRing(before, r[0], r[1]) !== insideRing(after, r[0], r[1]);
    });
  }
}

function cellKey(cx: number, cy: number): number {
  return cy * 4194304 + cx;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Even-odd point-in-ring test. */
function insideRing(ring: number[], px: number, py: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let k = 0, m = n - 2; k < n; m = k, k += 2) {
    const ay = ring[k + 1];
    const by = ring[m + 1];
    if (ay > py !== by > py && px < ((ring[m] - ring[k]) * (py - ay)) / (by - ay) + ring[k]) inside = !inside;
  }
  return inside;
}
