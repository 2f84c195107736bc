import { shiftFromVotes, windowShift } from '../../geo/raster/estimate-shift.ts';
import { kthSmallest } from '../../geo/raster/kth-smallest.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';
import { sampleWindows } from './sample-windows.ts';

/** Every STEP-th pixel of a window counts towards the radiometric bias (the median needs few). */
const STEP = 7;

export interface PairLook {
  /** The pair's misregistration estimate; null when too few windows vote (a small tile, flat or changed ground). */
  shift: [number, number] | null;
  /**
   * Per band, the median of (gain · after + offset − before) / noise under the shared model: near 0
   * where the pair is of the imagery the model was fitted on (most ground is unchanged), large where
   * its later (or earlier) date is another acquisition that happens to share its band layout and
   * pixel size. NaN without valid pixels.
   */
  bias: number[];
}

/**
 * A pair's own look at its sample windows (the windows fitPairModel reads), for a pair whose model
 * is shared with other tiles (fitSharedModel): its misregistration (each window votes as it is
 * read) and how well the shared normalisation fits it.
 */
export async function pairLook(pair: ImagePair, model: SceneModel, opts: ResolvedDetectOptions, signal?: AbortSignal): Promise<PairLook> {
  const votes: Array<[number, number] | null> = [];
  const nb = model.bandCount;
  const diffs: number[][] = Array.from({ length: nb }, () => []);
  for (const win of sampleWindows(pair.grid.width, pair.grid.height, opts.sampleWindows, opts.sampleSize)) {
    signal?.throwIfAborted();
    const { before, after } = await pair.readWindow(win, signal);
    votes.push(windowShift(before, after));
    for (let i = 0; i < before.valid.length; i += STEP) {
      if (!(before.valid[i] & after.valid[i])) continue;
      for (let b = 0; b < nb; b++) diffs[b].push((model.gain[b] * after.bands[b][i] + model.offset[b] - before.bands[b][i]) / model.noise[b]);
    }
  }
  const bias = diffs.map((d) => (d.length === 0 ? NaN : kthSmallest(Float64Array.from(d), d.length >> 1)));
  return { shift: shiftFromVotes(votes), bias };
}
