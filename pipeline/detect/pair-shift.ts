import { shiftFromVotes, windowShift } from '../../geo/raster/estimate-shift.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';
import { sampleWindows } from './sample-windows.ts';

/**
 * A pair's misregistration estimate from its own sample windows (the windows fitPairModel reads),
 * for a pair whose model is shared with other tiles (fitSharedModel): each window votes as it is
 * read, so nothing is kept. Null when too few windows vote (a small tile, flat or changed ground).
 */
export async function pairShift(pair: ImagePair, opts: ResolvedDetectOptions, signal?: AbortSignal): Promise<[number, number] | null> {
  const votes: Array<[number, number] | null> = [];
  for (const win of sampleWindows(pair.grid.width, pair.grid.height, opts.sampleWindows, opts.sampleSize)) {
    signal?.throwIfAborted();
    const { before, after } = await pair.readWindow(win, signal);
    votes.push(windowShift(before, after));
  }
  return shiftFromVotes(votes);
}
