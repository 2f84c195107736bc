import { fitSceneModel } from '../../geo/detect/fit-scene-model.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';
import { sampleWindows } from './sample-windows.ts';

/**
 * First pass over a pair: reads the sample windows and fits the scene model (normalisation of the
 * later date to the earlier, automatic thresholds). The model is plain JSON, so it travels to
 * worker threads and queue jobs unchanged.
 */
export async function fitPairModel(pair: ImagePair, opts: ResolvedDetectOptions, signal?: AbortSignal): Promise<SceneModel> {
  const { width, height } = pair.grid;
  const wins = sampleWindows(width, height, opts.sampleWindows, opts.sampleSize);
  const samples = [];
  for (const win of wins) {
    signal?.throwIfAborted();
    samples.push(await pair.readWindow(win, signal));
  }
  return fitSceneModel(samples, pair.roles, { pixelSizeM: pixelSizeM(pair.grid) });
}
