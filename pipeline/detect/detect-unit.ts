import { detectWindow } from '../../geo/detect/detect-window.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { HaloWindow } from '../../geo/types.ts';
import { windowPieces, type PatchPiece } from '../../geo/vector/window-pieces.ts';

/** Second pass, one work unit: reads the unit's outer window of both dates, detects, vectorises its core. */
export async function detectUnit(pair: ImagePair, win: HaloWindow, model: SceneModel, signal?: AbortSignal): Promise<PatchPiece[]> {
  const { before, after } = await pair.readWindow(win.outer, signal);
  // The raster is vectorised before the next unit's detection, so its buffers can be reused.
  const raster = detectWindow(before, after, pair.roles, model, { pixelSizeM: pixelSizeM(pair.grid), reuse: true });
  return windowPieces(raster, win);
}
