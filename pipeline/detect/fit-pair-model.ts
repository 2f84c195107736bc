import { fitSceneModel } from '../../geo/detect/fit-scene-model.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { BandStack } from '../../geo/types.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';
import { sampleWindows } from './sample-windows.ts';
import { estimateShift } from '../../geo/raster/estimate-shift.ts';
import { correctedShift } from './coregister.ts';

/**
 * First pass over a pair: reads the sample windows and fits the scene model (misregistration and
 * normalisation of the later date to the earlier, automatic thresholds). The model is plain JSON,
 * so it travels to worker threads and queue jobs unchanged.
 *
 * The samples (≈ 120 MB for the default 24 windows of 4 bands) are copied into one block per date
 * as they are read: an allocation that large gets its own mapping, returned to the system once the
 * fit is done, whereas a hundred window-sized ones stayed in the allocator's heap for the rest of
 * the run. The pair may reuse its read buffers (`reuseWindows`).
 */
export async function fitPairModel(pair: ImagePair, opts: ResolvedDetectOptions, signal?: AbortSignal): Promise<SceneModel> {
  const { width, height } = pair.grid;
  const wins = sampleWindows(width, height, opts.sampleWindows, opts.sampleSize);
  const total = wins.reduce((s, w) => s + w.width * w.height, 0);
  const store = { before: keeper(pair.before.bandCount, total), after: keeper(pair.after.bandCount, total) };
  try {
    const samples = [];
    for (const win of wins) {
      signal?.throwIfAborted();
      const { before, after } = await pair.readWindow(win, signal);
      samples.push({ before: store.before(before), after: store.after(after) });
    }
    const model = fitSceneModel(samples, pair.roles, { pixelSizeM: pixelSizeM(pair.grid) });
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
    for (const k of [store.before, store.after]) structuredClone(k.buffers, { transfer: k.buffers });
  }
}

/** Copies stacks one after another into one block of `total` pixels × `bandCount` bands. */
function keeper(bandCount: number, total: number): ((s: BandStack) => BandStack) & { buffers: ArrayBuffer[] } {
  const data = new Float32Array(bandCount * total);
  const valid = new Uint8Array(total);
  let at = 0;
  const keep = (s: BandStack): BandStack => {
    const n = s.width * s.height;
    const bands = s.bands.map((b, k) => {
      const out = data.subarray(k * total + at, k * total + at + n);
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
