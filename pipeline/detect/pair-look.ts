import { shiftFromVotes, windowShift } from '../../geo/raster/estimate-shift.ts';
import { kthSmallest } from '../../geo/raster/kth-smallest.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';
import { sampleWindows } from './sample-windows.ts';

/** Every STEP-th pixel of a window counts towards the misfit (a quantile needs few). */
const STEP = 7;
/** Fewer valid sample pixels than this tell nothing about the fit (a clouded or tiny tile). */
const MIN_PIXELS = 1000;
/**
 * The share of a pair's pixels whose fit is measured: real change moves some pixels, possibly most
 * of a small tile, but another acquisition moves nearly all of them. (A fifth let a tile 75 %
 * changed read as another acquisition.)
 */
const AGREEING = 0.1;

export interface PairLook {
  /** The pair's misregistration estimate; null when too few windows vote (a small tile, flat or changed ground). */
  shift: [number, number] | null;
  /**
   * Per band, the |before − (gain · after + offset)| / noise under the shared model that the best
   * AGREEING share of the pair's sample pixels stay within: well under 1 where the pair is of the
   * imagery the model was fitted on, whatever changed, and large where its later (or earlier) date
   * is another acquisition that happens to share its band layout and pixel size. NaN with fewer than
   * MIN_PIXELS valid pixels.
   */
  misfit: number[];
}

/**
 * A pair's own look at its sample windows (the windows fitPairModel reads), for a pair whose model
 * is shared with other tiles (fitSharedModel): its misregistration (each window votes as it is
 * read) and how well the shared normalisation fits it.
 */
export async function pairLook(pair: ImagePair, model: SceneModel, opts: ResolvedDetectOptions, signal?: AbortSignal): Promise<PairLook> {
  const wins = sampleWindows(pair.grid.width, pair.grid.height, opts.sampleWindows, opts.sampleSize);
  const nb = model.bandCount;
  const cap = wins.reduce((s, w) => s + Math.ceil((w.width * w.height) / STEP), 0);
  const diffs = Array.from({ length: nb }, () => new Float32Array(cap));
  let n = 0;
  const votes: Array<[number, number] | null> = [];
  for (const win of wins) {
    signal?.throwIfAborted();
    const { before, after } = await pair.readWindow(win, signal);
    votes.push(windowShift(before, after));
    for (let i = 0; i < before.valid.length; i += STEP) {
      if (!(before.valid[i] & after.valid[i])) continue;
      for (let b = 0; b < nb; b++) diffs[b][n] = Math.abs(before.bands[b][i] - (model.gain[b] * after.bands[b][i] + model.offset[b])) / model.noise[b];
      n++;
    }
  }
  const misfit = diffs.map((d) => (n < MIN_PIXELS ? NaN : kthSmallest(d, Math.floor(AGREEING * (n - 1)), 0, n - 1)));
  return { shift: shiftFromVotes(votes), misfit };
}
