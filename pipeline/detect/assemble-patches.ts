import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { summarisePatch } from '../../geo/detect/summarise-patch.ts';
import type { Grid, PatchProperties } from '../../geo/types.ts';
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
}

export interface AssembleOptions {
  minAreaM2: number;
  toLonLat: (x: number, y: number) => [number, number];
}

/**
 * Joins pieces that continue across window borders, then finalises each patch: polygons in map and
 * lon/lat coordinates, ellipsoidal area, the minimum mapping unit and the detector's object-level
 * decision. Sorted by key, so output order does not depend on which thread finished first.
 */
export function assemblePatches(pieces: PatchPiece[], grid: Grid, model: SceneModel, opts: AssembleOptions): DetectedPatch[] {
  const out: DetectedPatch[] = [];
  for (const merged of mergePieces(pieces)) {
    const fin = finalisePatch(merged, grid, { toLonLat: opts.toLonLat });
    if (fin.areaM2 < opts.minAreaM2) continue;
    const s = summarisePatch(merged.stats, { areaM2: fin.areaM2, perimeterM: fin.perimeterM }, model);
    if (!s.keep) continue;
    const { keep: _keep, ...rest } = s;
    out.push({
      key: patchKey(merged.anchor),
      geometryMap: fin.geometryMap,
      geometryLonLat: fin.geometryLonLat,
      properties: { area_m2: round(fin.areaM2, 2), pixel_count: merged.stats.pixelCount, ...rest },
    });
  }
  return out.sort(byKey);
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
