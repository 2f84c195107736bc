import { InputError } from '../errors.ts';
import type { ChangeRaster, HaloWindow } from '../types.ts';
import { byFirstVertex } from './by-first-vertex.ts';
import { bucketTotal } from './exact-feature-sums.ts';
import { componentStats } from './component-stats.ts';
import { labelCoreRuns } from './label-core-runs.ts';
import { ringShoelace } from './pixel-ring-area.ts';
import { simpleRings } from './simple-rings.ts';
import { traceRing } from './trace-ring.ts';
import type { CoreEdgeRuns, PatchPiece, PiecePolygon, PixelRing } from './types.ts';

export type { PatchPiece } from './types.ts';

/**
 * Vectorises one window: the 8-connected components of `raster.mask` inside `win.core` (pixels of
 * the halo are ignored), each with its additive stats, its outline in global pixel coordinates
 * (one polygon per 4-connected part, holes included, OGC-valid: see PixelRing) and the runs it has
 * on the core's edges for geo/vector/merge-pieces.
 *
 * Connectivity: 8 (pixels meeting at a corner are one patch), as a change patch is one object to
 * the analyst. Geometry is split at such corners into polygons that touch at a point, since a single
 * polygon would have a disconnected interior.
 *
 * `raster` covers `win.outer`; changeClass values outside CHANGE_TYPES count as 'other'.
 */
export function windowPieces(raster: ChangeRaster, win: HaloWindow): PatchPiece[] {
  const { core, outer } = win;
  const size = raster.width * raster.height;
  if (raster.changeClass.length !== size || raster.features.some((f) => f.length !== size)) {
    throw new InputError('BAD_OPTION', 'changeClass or a feature channel differs in size from the mask');
  }
  if (raster.width !== outer.width || raster.height !== outer.height || raster.mask.length !== size) {
    throw new InputError('BAD_OPTION', `change raster is ${raster.width}×${raster.height}, window outer is ${outer.width}×${outer.height}`);
  }
  if (core.x < outer.x || core.y < outer.y || core.x + core.width > outer.x + outer.width || core.y + core.height > outer.y + outer.height) {
    throw new InputError('BAD_OPTION', 'window core is not inside its outer extent');
  }
  const L = labelCoreRuns(raster, win);
  const { count, x0, x1, y: ry, comp8, comp4, pad, padWidth: PW } = L;
  const cw = core.width;
  const ch = core.height;

  const stats = componentStats(raster, win, L);
  const pieces: PatchPiece[] = stats.map((st) => ({
    core: { ...core },
    stats: { pixelCount: st.pixelCount, typeCounts: st.typeCounts, featureSums: st.featureBuckets.map(bucketTotal) },
    featureBuckets: st.featureBuckets,
    polygons: [],
  }));

  // Core-edge runs per 4-component, rows coalesced.
  const edges: (CoreEdgeRuns | undefined)[] = new Array(L.count4);
  const edgeOf = (c4: number): CoreEdgeRuns => (edges[c4] ??= { left: [], right: [], top: [], bottom: [] });
  for (let i = 0; i < count; i++) {
    const r = ry[i];
    if (r === 0) edgeOf(comp4[i]).top.push(core.x + x0[i], core.x + x1[i]);
    if (r === ch - 1) edgeOf(comp4[i]).bottom.push(core.x + x0[i], core.x + x1[i]);
    if (x0[i] === 0) addRow(edgeOf(comp4[i]).left, core.y + r);
    if (x1[i] === cw) addRow(edgeOf(comp4[i]).right, core.y + r);
  }

 
  // Rings: every ring walks the top edge of at least one pixel (a shell its topmost, a hole its
  // bottommost), so starting at each unwalked top edge finds them all.
  const shells: (PixelRing | undefined)[] = new Array(L.count4);
  const holes: PixelRing[][] = Array.from({ length: L.count4 }, () => []);
  const corners: number[] = [];
  const walk: number[] = [];
  for (let i = 0; i < count; i++) {
    const rowBase = (ry[i] + 1) * PW + 1;
    for (let p = rowBase + x0[i]; p < rowBase + x1[i]; p++) {
      if (pad[p] & 2 || pad[p - PW] & 1) continue;
      corners.length = 0;
      const repeats = traceRing(pad, PW, p, corners);
      walk.length = 0;
      for (const v of corners) walk.push((v % PW) - 1 + core.x, ((v / PW) | 0) - 1 + core.y);
      const c4 = comp4[i];
      for (const ring of simpleRings(walk, repeats)) {
        if (ringShoelace(ring) < 0) {
          if (shells[c4] !== undefined) throw new Error(`internal: two shells for one 4-component at ${ring[0]},${ring[1]}`);
          shells[c4] = ring;
        } else holes[c4].push(ring);
      }
    }
  }
 
  for (let c4 = 0; c4 < L.count4; c4++) {
    const shell = shells[c4];
    if (shell === undefined) throw new Error('internal: 4-component without a shell');
    const poly: PiecePolygon = { rings: [shell, ...holes[c4].sort(byFirstVertex)] };
    const e = edges[c4];
    if (e !== undefined) poly.edges = e;
    pieces[L.comp4To8[c4]].polygons.push(poly);
  }
  for (const piece of pieces) if (piece.polygons.length > 1) piece.polygons.sort((a, b) => byFirstVertex(a.rings[0], b.rings[0]));
  return pieces;
}

function addRow(runs: number[], row: number): void {
  if (runs.length > 0 && runs[runs.length - 1] === row) runs[runs.length - 1] = row + 1;
  else runs.push(row, row + 1);
}
