import { byFirstVertex } from './by-first-vertex.ts';
import { dissolveRings } from './dissolve-rings.ts';
import { bucketTotal } from './exact-feature-sums.ts';
import type { MergedPatch, PatchPiece, PiecePolygon, PixelPolygon } from './types.ts';
import { find, union } from './union-find.ts';

export type { MergedPatch } from './types.ts';

/**
 * Joins the pieces of all windows (any order) into whole patches, identical (same polygons, same
 * stats, bit for bit) to what windowPieces gives for one window covering the whole grid.
 *
 * Pieces join when pixels on the two sides of a core border touch 8-wise; their 4-connected parts
 * join (and their rings dissolve exactly, see dissolve-rings.ts) when pixels share an edge. Needs
 * cores laid out as a regular grid (haloWindows), so that pixels adjacent across a border are
 * always on a core's first/last column or row. Output sorted by first vertex (y, then x).
 */
export function mergePieces(pieces: readonly PatchPiece[]): MergedPatch[] {
  const polys: PiecePolygon[] = [];
  const owner: number[] = [];
  for (let p = 0; p < pieces.length; p++) {
    for (const poly of pieces[p].polygons) {
      polys.push(poly);
      owner.push(p);
    }
  }
  const n = polys.length;
  const p8 = Int32Array.from({ length: n }, (_, i) => i);
  const p4 = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 1; i < n; i++) if (owner[i] === owner[i - 1]) union(p8, i, i - 1);

  // Runs keyed by the column (left/right) or row (top/bottom) they lie on: flat [from, to, poly].
  const right = new Map<number, number[]>();
  const left = new Map<number, number[]>();
  const bottom = new Map<number, number[]>();
  const top = new Map<number, number[]>();
  const add = (m: Map<number, number[]>, line: number, runs: number[], poly: number): void => {
    if (runs.length === 0) return;
    let list = m.get(line);
    if (list === undefined) m.set(line, (list = []));
    for (let k = 0; k < runs.length; k += 2) list.push(runs[k], runs[k + 1], poly);
  };
  for (let i = 0; i < n; i++) {
    const e = polys[i].edges;
    if (e === undefined) continue;
    const c = pieces[owner[i]].core;
    add(left, c.x, e.left, i);
    add(right, c.x + c.width - 1, e.right, i);
    add(top, c.y, e.top, i);
    add(bottom, c.y + c.height - 1, e.bottom, i);
  }
  for (const [line, a] of right) matchRuns(a, left.get(line + 1), p8, p4);
  for (const [line, a] of bottom) matchRuns(a, top.get(line + 1), p8, p4);

  // 4-groups → polygons; 8-groups → patches.
  const group4 = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(p4, i);
    const g = group4.get(r);
    if (g === undefined) group4.set(r, [i]);
    else g.push(i);
  }
  const patches = new Map<number, { polygons: PixelPolygon[]; pieces: Set<number> }>();
  for (const [r, members] of group4) {
    const rings =
      members.length === 1
        ? polys[members[0]].rings
        : dissolveRings(members.map((i) => ({ rings: polys[i].rings, core: pieces[owner[i]].core })));
    const r8 = find(p8, r);
    let patch = patches.get(r8);
    if (patch === undefined) patches.set(r8, (patch = { polygons: [], pieces: new Set() }));
    patch.polygons.push(rings);
    for (const i of members) patch.pieces.add(owner[i]);
  }

  const out: MergedPatch[] = [];
  for (const { polygons, pieces: ids } of patches.values()) {
    polygons.sort((a, b) => byFirstVertex(a[0], b[0]));
    out.push({
      stats: sumStats([...ids].sort((a, b) => a - b).map((i) => pieces[i])),
      polygons,
      bbox: bboxOf(polygons),
      anchor: { x: polygons[0][0][0], y: polygons[0][0][1] },
    });
  }
  return out.sort((a, b) => byFirstVertex(a.polygons[0][0], b.polygons[0][0]));
}

/** Unions polygons whose runs on two facing lines touch (8-wise) or overlap (4-wise). */
function matchRuns(a: number[], b: number[] | undefined, p8: Int32Array, p4: Int32Array): void {
  if (b === undefined) return;
  // Runs on one line are disjoint, so sorting by start also sorts by end.
  const ia = sortedTriples(a);
  const ib = sortedTriples(b);
  let j = 0;
  for (const i of ia) {
    const s = a[i];
    const e = a[i + 1];
    while (j < ib.length && b[ib[j] + 1] < s) j++;
    for (let k = j; k < ib.length && b[ib[k]] <= e; k++) {
      const t = ib[k];
      union(p8, a[i + 2], b[t + 2]);
      if (b[t] < e && b[t + 1] > s) union(p4, a[i + 2], b[t + 2]);
    }
  }
}

function sortedTriples(list: number[]): number[] {
  const idx: number[] = [];
  for (let i = 0; i < list.length; i += 3) idx.push(i);
  return idx.sort((x, y) => list[x] - list[y]);
}

function sumStats(parts: PatchPiece[]): MergedPatch['stats'] {
  const first = parts[0];
  const typeCounts = first.stats.typeCounts.slice();
  let pixelCount = 0;
  // Pieces saved by an earlier version may lack channels added since (FEATURES): those count as 0.
  const nF = Math.max(...parts.map((p) => p.featureBuckets.length));
  const acc = new Float64Array(nF * 256);
  const seen = new Uint8Array(nF * 256);
  for (const p of parts) {
    pixelCount += p.stats.pixelCount;
    if (p !== first) for (let t = 0; t < typeCounts.length; t++) typeCounts[t] += p.stats.typeCounts[t];
    for (let f = 0; f < nF; f++) {
      const b = p.featureBuckets[f] ?? [];
      for (let k = 0; k < b.length; k += 2) {
        acc[f * 256 + b[k]] += b[k + 1];
        seen[f * 256 + b[k]] = 1;
      }
    }
  }
  const featureSums: number[] = [];
  for (let f = 0; f < nF; f++) {
    const b: number[] = [];
    for (let e = 0; e < 256; e++) if (seen[f * 256 + e]) b.push(e, acc[f * 256 + e]);
    featureSums.push(bucketTotal(b));
  }
  return { pixelCount, typeCounts, featureSums };
}

function bboxOf(polygons: PixelPolygon[]): MergedPatch['bbox'] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const poly of polygons) {
    const s = poly[0];
    for (let i = 0; i < s.length; i += 2) {
      if (s[i] < x0) x0 = s[i];
      if (s[i] > x1) x1 = s[i];
      if (s[i + 1] < y0) y0 = s[i + 1];
      if (s[i + 1] > y1) y1 = s[i + 1];
    }
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
