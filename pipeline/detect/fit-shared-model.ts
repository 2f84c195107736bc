import { fitSceneModel } from '../../geo/detect/fit-scene-model.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { estimateShift } from '../../geo/raster/estimate-shift.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { BandStack, Grid, PixelWindow } from '../../geo/types.ts';
import { InputError } from '../errors.ts';
import { correctedShift } from './coregister.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';
import { clipPiece, sharedSampleWindows } from './sample-windows.ts';

/** One of the pairs a model is fitted on: its grid as catalogued (the later tile's), and how to open it. */
export interface ModelPart {
  grid: Grid;
  open(): Promise<ImagePair>;
}

type Samples = Array<{ before: BandStack; after: BandStack }>;

/**
 * Fits one scene model on sample windows spread over several pairs of the same imagery (the tiles
 * of one acquisition), so that the result does not depend on how the scenes were cut into tiles:
 * the windows are laid over the tiles' joint extent (sharedSampleWindows), so they sample the same
 * ground as they would in one uncut pair. The model's shift is the misregistration its samples
 * show (the imagery's); a pair of several may have its own (pairLook).
 *
 * Each pair is opened to place its windows on its grid (the later tile's, cropped to the overlap)
 * and again to read them (`open` may reopen it). A pair that cannot be opened or read (InputError)
 * gives no samples; it is a problem of its own cut. With no samples at all, the last such error is
 * thrown.
 *
 * The samples (≈ 120 MB for the default 24 windows of 4 bands) are copied into one block per date
 * as they are read: an allocation that large gets its own mapping, returned to the system once the
 * fit is done, whereas a hundred window-sized ones stayed in the allocator's heap for the rest of
 * the run. Pairs may therefore reuse their read buffers (`reuseWindows`).
 */
export async function fitSharedModel(parts: ModelPart[], opts: ResolvedDetectOptions, signal?: AbortSignal): Promise<SceneModel> {
  const pieces = sharedSampleWindows(parts.map((p) => p.grid), opts.sampleWindows, opts.sampleSize);
  let lastError: InputError | undefined;
  /** f's result, or null when it meets an InputError (kept for when no part can be read). */
  const attempt = async <T>(f: () => Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      lastError = err;
      return null;
    }
  };
  // The windows of every part first, on its pair's grid, to size the sample blocks.
  const plan: Array<{ part: ModelPart; wins: PixelWindow[] }> = [];
  for (const [k, part] of parts.entries()) {
    if (pieces[k].length === 0) continue;
    const pair = await attempt(part.open);
    if (pair) plan.push({ part, wins: onPairGrid(pieces[k], part.grid, pair.grid) });
  }
  const capacity = plan.reduce((s, p) => s + p.wins.reduce((t, w) => t + w.width * w.height, 0), 0);
  const samples: Samples = [];
  let store: { before: Keeper; after: Keeper } | undefined;
  let first: ImagePair | undefined;
  try {
    for (const { part, wins } of plan) {
      signal?.throwIfAborted();
      const kept = await attempt(async () => {
        const pair = await part.open();
        store ??= { before: keeper(pair.before.bandCount, capacity), after: keeper(pair.after.bandCount, capacity) };
        const out: Samples = [];
        for (const win of wins) {
          signal?.throwIfAborted();
          const { before, after } = await pair.readWindow(win, signal);
          out.push({ before: store.before(before), after: store.after(after) });
        }
        first ??= pair;
        return out;
      });
      if (kept) samples.push(...kept);
    }
    if (!first || samples.length === 0) throw lastError ?? new InputError('NO_OVERLAP', 'no sample window falls on the pairs to fit a scene model on');
    const model = fitSceneModel(samples, first.roles, { pixelSizeM: pixelSizeM(first.grid) });
    // Units co-register the later date (detectUnit); the model stays fitted on the dates as read:
    // fitted on co-registered samples, the normalisation of a 2 m scene became unstable (NIR gain
    // 0.67 against 0.79, threshold 11.6 against 17.2, 82 false pond patches), while this keeps every
    // threshold where it was and only sharpens where patches lie.
    const shift = correctedShift(estimateShift(samples));
    return shift ? { ...model, shift } : model;
  } finally {
    // Freed now rather than at this thread's next full collection, which may come only after every
    // unit has run (the main thread allocates little meanwhile): detaching moves the memory to a
    // clone nothing holds, which the next minor collection frees.
    if (store) for (const k of [store.before, store.after]) structuredClone(k.buffers, { transfer: k.buffers });
  }
}

/** Windows on `from` moved onto `to` (same CRS and pixel size) and clipped to it (clipPiece). */
function onPairGrid(wins: PixelWindow[], from: Grid, to: Grid): PixelWindow[] {
  const dx = Math.round((to.originX - from.originX) / from.resX);
  const dy = Math.round((from.originY - to.originY) / from.resY);
  return wins.flatMap((w) => clipPiece(w, dx, dy, to.width, to.height) ?? []);
}

type Keeper = ((s: BandStack) => BandStack) & { buffers: ArrayBuffer[] };

/** Copies stacks one after another into one block of `capacity` pixels × `bandCount` bands. */
function keeper(bandCount: number, capacity: number): Keeper {
  const data = new Float32Array(bandCount * capacity);
  const valid = new Uint8Array(capacity);
  let at = 0;
  const keep = (s: BandStack): BandStack => {
    const n = s.width * s.height;
    const bands = s.bands.map((b, k) => {
      const out = data.subarray(k * capacity + at, k * capacity + at + n);
      out.set(b);
      return out;
    });
    const kept = { width: s.width, height: s.height, bands, valid: valid.subarray(at, at + n), integer16: s.integer16 };
    kept.valid.set(s.valid);
    at += n;
    return kept;
  };
  return Object.assign(keep, { buffers: [data.buffer, valid.buffer] });
}
