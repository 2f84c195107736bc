import { detectWindow } from '../../geo/detect/detect-window.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { HaloWindow, PixelWindow } from '../../geo/types.ts';
import { windowPieces, type PatchPiece } from '../../geo/vector/window-pieces.ts';

export interface UnitResult {
  pieces: PatchPiece[];
  /** Pixels of the unit's core that a cloud mask made invalid (each scene pixel is in one core). */
  maskedPixels: number;
}

/** Second pass, one work unit: reads the unit's outer window of both dates, detects, vectorises its core. */
export async function detectUnit(pair: ImagePair, win: HaloWindow, model: SceneModel, signal?: AbortSignal): Promise<UnitResult> {
  const { before, after, masked } = await pair.readWindow(win.outer, signal);
  // The raster is vectorised before the next unit's detection, so its buffers can be reused.
  const raster = detectWindow(before, after, pair.roles, model, { pixelSizeM: pixelSizeM(pair.grid), reuse: true });
  return { pieces: windowPieces(raster, win), maskedPixels: masked ? countInCore(masked, win.outer, win.core) : 0 };
}

function countInCore(flags: Uint8Array, outer: PixelWindow, core: PixelWindow): number {
  let n = 0;
  for (let r = core.y - outer.y; r < core.y - outer.y + core.height; r++) {
    const row = r * outer.width + (core.x - outer.x);
    for (let i = row; i < row + core.width; i++) n += flags[i];
  }
  return n;
}
