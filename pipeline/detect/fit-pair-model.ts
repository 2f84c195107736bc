import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';
import { fitSharedModel } from './fit-shared-model.ts';

/**
 * First pass over one pair: reads the sample windows and fits the scene model (misregistration and
 * normalisation of the later date to the earlier, automatic thresholds). The model is plain JSON,
 * so it travels to worker threads and queue jobs unchanged.
 */
export function fitPairModel(pair: ImagePair, opts: ResolvedDetectOptions, signal?: AbortSignal): Promise<SceneModel> {
  return fitSharedModel([{ grid: pair.grid, open: async () => pair }], opts, signal);
}

/** `model` with the misregistration correction `shift` in place of its own (none: no shift field). */
export function withShift(model: SceneModel, shift: [number, number] | undefined): SceneModel {
  const out = { ...model };
  delete out.shift;
  return shift ? { ...out, shift } : out;
}
