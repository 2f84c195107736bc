import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import { estimateShift } from '../../geo/raster/estimate-shift.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';
import { correctedShift } from './coregister.ts';
import { fitSharedModel } from './fit-shared-model.ts';

/**
 * First pass over one pair: reads the sample windows and fits the scene model (misregistration and
 * normalisation of the later date to the earlier, automatic thresholds). The model is plain JSON,
 * so it travels to worker threads and queue jobs unchanged.
 */
export async function fitPairModel(pair: ImagePair, opts: ResolvedDetectOptions, signal?: AbortSignal): Promise<SceneModel> {
  let shift: [number, number] | undefined;
  // Units co-register the later date (detectUnit); the model stays fitted on the dates as read:
  // fitted on co-registered samples, the normalisation of a 2 m scene became unstable (NIR gain
  // 0.67 against 0.79, threshold 11.6 against 17.2, 82 false pond patches), while this keeps every
  // threshold where it was and only sharpens where patches lie.
  const model = await fitSharedModel([{ grid: pair.grid, open: async () => pair }], opts, signal, (samples) => {
    shift = correctedShift(estimateShift(samples));
  });
  return withShift(model, shift);
}

/** `model` with the misregistration correction `shift` in place of its own (none: no shift field). */
export function withShift(model: SceneModel, shift: [number, number] | undefined): SceneModel {
  const out = { ...model };
  delete out.shift;
  return shift ? { ...out, shift } : out;
}
