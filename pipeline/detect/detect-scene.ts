import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { CellSums } from '../../geo/raster/cell-sums.ts';
import { crsTransform } from '../../geo/crs/transform.ts';
import { openPair, type ImagePair } from '../../geo/raster/open-pair.ts';
import type { PairMasks } from '../../geo/raster/open-mask.ts';
import type { Grid, HaloWindow } from '../../geo/types.ts';
import type { PatchPiece } from '../../geo/vector/window-pieces.ts';
import type { Progress } from '../types.ts';
import { assemblePatches, byKey, isIsolatedPiece, type DetectedPatch } from './assemble-patches.ts';
import { resolveDetectOptions, type DetectOptions } from './detect-options.ts';
import { detectUnit } from './detect-unit.ts';
import { fitPairModel } from './fit-pair-model.ts';
import { planUnits } from './plan-units.ts';

/**
 * Runs a list of units somewhere (inline, worker threads, …) and reports each unit's pieces. It is
 * called before the scene model is fitted, with the units and the model still to come, so a runner
 * can start its threads meanwhile; both promises reject if the fit fails.
 */
export type UnitRunner = (
  units: Promise<HaloWindow[]>,
  ctx: { pair: ImagePair; beforePath: string; afterPath: string; masks: PairMasks; bands?: string; model: Promise<SceneModel> },
  onResult: UnitResultHandler,
  signal?: AbortSignal,
) => Promise<void>;

/** Where a runner reports unit `index` of its list (UnitResult's fields). */
export type UnitResultHandler = (index: number, pieces: PatchPiece[], maskedPixels: number, picture: CellSums | null) => void;

export interface SceneDetection {
  grid: Grid;
  model: SceneModel;
  units: number;
  patches: DetectedPatch[];
  /** Pixels of the grid a cloud mask (of either date) made invalid. */
  maskedPixels: number;
}

/** The images of a detection and their optional cloud masks (paths or URLs). */
export interface SceneInput {
  before: string;
  after: string;
  masks?: PairMasks;
}

/**
 * Detects change between two images: opens and aligns them (all input errors surface here, before
 * any output), fits the scene model on sample windows, runs the units, then assembles patches.
 *
 * Memory stays bounded by the patches found, not by the scene: a piece that touches no core edge is
 * finalised (or dropped) as soon as its unit reports; only pieces on core edges wait for the final
 * merge. When units run elsewhere (`runUnits`), this thread's pair only reads the sample windows
 * (copied out by fitPairModel), so it keeps a small tile cache and reuses its read buffers.
 */
export async function detectScene(
  input: SceneInput,
  options: DetectOptions,
  hooks: { runUnits?: UnitRunner; progress?: (p: Progress) => void; signal?: AbortSignal } = {},
): Promise<SceneDetection> {
  const opts = resolveDetectOptions(options);
  const { before: beforePath, after: afterPath, masks = {} } = input;
  const pair = await openPair(beforePath, afterPath, { bands: opts.bands, masks, ...(hooks.runUnits ? { cacheBytes: SMALL_TILE_CACHE_BYTES, reuseWindows: true } : {}) });
  try {
    hooks.progress?.({ done: 0, total: 1, label: 'fitting scene model' });
    const assembleOpts = { minAreaM2: opts.minAreaM2, toLonLat: crsTransform(pair.grid.crs, 4326) };
    const edgePieces: PatchPiece[] = [];
    const finished: DetectedPatch[] = [];
    // Set by these handlers before the runner (which awaits the same promises) can report a unit.
    let model: SceneModel | undefined;
    let total = 0;
    const modelP = fitPairModel(pair, opts, hooks.signal).then((m) => (model = m));
    const unitsP = modelP.then((m) => {
      const units = planUnits(pair.grid, m, opts);
      total = units.length;
      return units;
    });
    let done = 0;
    let maskedPixels = 0;
    const onResult = (_index: number, unitPieces: PatchPiece[], unitMasked: number) => {
      maskedPixels += unitMasked;
      for (const p of unitPieces) {
        if (isIsolatedPiece(p)) for (const patch of assemblePatches([p], pair.grid, model!, assembleOpts)) finished.push(patch);
        else edgePieces.push(p);
      }
      done++;
      hooks.progress?.({ done, total, label: `${done}/${total} windows` });
    };
    const run = hooks.runUnits ?? runInline;
    // Started before the fit ends (threads start up meanwhile); a fit error is the one to report.
    const running = run(unitsP, { pair, beforePath, afterPath, masks, bands: opts.bands, model: modelP }, onResult, hooks.signal);
    running.catch(() => {});
    await unitsP;
    await running;
    for (const patch of assemblePatches(edgePieces, pair.grid, model!, assembleOpts)) finished.push(patch);
    const patches = finished.sort(byKey);
    return { grid: pair.grid, model: model!, units: total, patches, maskedPixels };
  } finally {
    await pair.close();
  }
}

/**
 * Tile cache per image wherever windows are read once each: the model fit when units run elsewhere.
 * Small, so memory stays flat at any scene width.
 */
export const SMALL_TILE_CACHE_BYTES = 8 * 2 ** 20;

/**
 * Tile cache per image where units are detected one after another (unit threads, queue workers). In
 * unitOrder a unit's tiles are next needed one or two units later (by its right neighbour, or by the
 * unit below), which takes ~48 tiles of 256² × 4 × uint16 with 1104² units: 24 MiB. An LRU
 * simulation of an 8192² scene gives 1.19 decodes per tile, against 1.44 walking single columns with
 * 8 MiB (which kept only the unit above's tiles).
 */
export const UNIT_TILE_CACHE_BYTES = 24 * 2 ** 20;

/** The default runner: one unit after another on this thread. */
export const runInline: UnitRunner = async (unitsP, ctx, onResult, signal) => {
  const [units, model] = await Promise.all([unitsP, ctx.model]);
  for (let i = 0; i < units.length; i++) {
    signal?.throwIfAborted();
    const { pieces, maskedPixels, picture } = await detectUnit(ctx.pair, units[i], model, signal);
    onResult(i, pieces, maskedPixels, picture);
  }
};
