import { F_MAGNITUDE, type SceneModel } from '../../geo/detect/scene-model.ts';
import { summarisePatch } from '../../geo/detect/summarise-patch.ts';
import type { Grid, PatchProperties, PatchStats, PixelWindow } from '../../geo/types.ts';
import { finalisePatch } from '../../geo/vector/finalise-patch.ts';
import { mergePieces } from '../../geo/vector/merge-pieces.ts';
import type { PatchPiece } from '../../geo/vector/window-pieces.ts';
import type { MultiPolygon, Polygon } from 'geojson';

/** A change patch ready to store or write: both geometries, its properties and a stable key. */
export interface DetectedPatch {
  /** Stable across re-runs and window sizes: derived from the patch's first pixel in the grid. */
  key: string;
  geometryMap: Polygon | MultiPolygon;
  geometryLonLat: Polygon | MultiPolygon;
  properties: PatchProperties;
  /**
   * With `edgeFragments`, on a patch that touches its grid's edge: its pixel statistics, for judging
   * it joined with what lies across the border (keepsFragments).
   */
  edgeStats?: PatchStats;
  /** True on such a patch that fails the minimum area or the object-level decision alone. */
  fragment?: boolean;
}

export interface AssembleOptions {
  minAreaM2: number;
  toLonLat: (x: number, y: number) => [number, number];
  /** Keep failing patches on the grid's edge as fragments (a run over several tiles). */
  edgeFragments?: boolean;
}

/**
 * Joins pieces that continue across window borders, then finalises each patch: polygons in map and
 * lon/lat coordinates, ellipsoidal area, the minimum mapping unit and the detector's object-level
 * decision (or, with `edgeFragments`, a fragment to decide later). Sorted by key, so output order
 * does not depend on which thread finished first.
 */
export function assemblePatches(pieces: PatchPiece[], grid: Grid, model: SceneModel, opts: AssembleOptions): DetectedPatch[] {
  const out: DetectedPatch[] = [];
  for (const merged of mergePieces(pieces)) {
    const fin = finalisePatch(merged, grid, { toLonLat: opts.toLonLat });
    const s = summarisePatch(merged.stats, { areaM2: fin.areaM2, perimeterM: fin.perimeterM }, model);
    const passes = fin.areaM2 >= opts.minAreaM2 && s.keep;
    const edge = opts.edgeFragments === true && onGridEdge(merged.bbox, grid);
    if (!passes && !edge) continue;
    const { keep: _keep, ...rest } = s;
    out.push({
      key: patchKey(merged.anchor),
      geometryMap: fin.geometryMap,
      geometryLonLat: fin.geometryLonLat,
      properties: { area_m2: round(fin.areaM2, 2), pixel_count: merged.stats.pixelCount, ...rest },
      ...(edge ? { edgeStats: merged.stats, fragment: !passes } : {}),
    });
  }
  return out.sort(byKey);
}

/**
 * A patch of a cluster that touches across tile borders: its pair, whether it is a fragment, its
 * statistics (null: not on its tile's edge).
 */
export interface ClusterMember {
  pairId: string;
  fragment: boolean;
  stats: PatchStats | null;
  /**
   * Its pair's pixel threshold: magnitudes are in its pair's noise units, which differ where a pair
   * has a scene model of its own (another acquisition).
   */
  threshold: number;
}

/**
 * Whether the fragments of a cluster of touching patches stay, as parts of a change a tile border
 * cut: when the cluster spans several pairs and passes the minimum area and the object-level
 * decision as one patch (its union's area and perimeter, its members' pixels). Members that passed
 * alone stay either way. A member without statistics (a patch inside where tiles overlap, not on an
 * edge) leaves the union unjudged: then fragments stay when some member passed alone. Fragments
 * alone in their pair are dropped. `model` judges the union; members' magnitudes are taken in its
 * units relative to their own pair's threshold.
 */
export function keepsFragments(members: ClusterMember[], union: { areaM2: number; perimeterM: number }, model: SceneModel, minAreaM2: number): boolean {
  if (new Set(members.map((m) => m.pairId)).size < 2) return false;
  if (members.some((m) => m.stats === null)) return members.some((m) => !m.fragment);
  const inUnits = (m: ClusterMember): PatchStats =>
    m.threshold === model.threshold ? m.stats! : { ...m.stats!, featureSums: m.stats!.featureSums.map((v, k) => (k === F_MAGNITUDE ? (v * model.threshold) / m.threshold : v)) };
  return union.areaM2 >= minAreaM2 && summarisePatch(sumStats(members.map(inUnits)), union, model).keep;
}

function sumStats(all: PatchStats[]): PatchStats {
  const add = (a: number[], b: number[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, k) => (a[k] ?? 0) + (b[k] ?? 0));
  return all.reduce((s, t) => ({ pixelCount: s.pixelCount + t.pixelCount, typeCounts: add(s.typeCounts, t.typeCounts), featureSums: add(s.featureSums, t.featureSums) }));
}

/** Whether a patch's outline (pixel corners) reaches the edge of its grid. */
function onGridEdge(bbox: PixelWindow, grid: Grid): boolean {
  return bbox.x === 0 || bbox.y === 0 || bbox.x + bbox.width === grid.width || bbox.y + bbox.height === grid.height;
}

/** Output order of patches: by key (scan order of their first pixel). */
export function byKey(a: DetectedPatch, b: DetectedPatch): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * True when no polygon of the piece has runs on its window's core edges: mergePieces can then join
 * it with nothing, so assemblePatches([piece]) already gives its final patch (or none), bit for bit
 * what it gives inside the whole set. Lets callers finalise such pieces as soon as they arrive.
 */
export function isIsolatedPiece(piece: PatchPiece): boolean {
  return piece.polygons.every((poly) => poly.edges === undefined);
}

/** Row-major first pixel, zero-padded so keys sort in scan order. */
function patchKey(anchor: { x: number; y: number }): string {
  return `${String(anchor.y).padStart(6, '0')}-${String(anchor.x).padStart(6, '0')}`;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
