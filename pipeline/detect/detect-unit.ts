import { detectWindow } from '../../geo/detect/detect-window.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { HaloWindow, PixelWindow } from '../../geo/types.ts';
import { windowPieces, type PatchPiece } from '../../geo/vector/window-pieces.ts';
import { coregister, readExtent } from './coregister.ts';
import { createWorkBuffers } from '../../geo/raster/work-buffers.ts';

export interface UnitResult {
  pieces: PatchPiece[];
  /** Pixels of the unit's core that a cloud mask made invalid (each scene pixel is in one core). */
  maskedPixels: number;
}

/**
 * Second pass, one work unit: reads the unit's outer window of both dates (co-registered when the
 * model has a shift), detects, vectorises its core.
 */
export async function detectUnit(pair: ImagePair, win: HaloWindow, model: SceneModel, signal?: AbortSignal): Promise<UnitResult> {
  // A shifted date is read with a margin, and the unit detected over it: the margin lies beyond the
  // halo, so the core is the same, and nothing is copied back to the outer window.
  const outer = model.shift ? readExtent(win.outer, pair.grid.width, pair.grid.height) : win.outer;
  const read = await pair.readWindow(outer, signal);
  const { before, after } = model.shift ? coregister(read, model.shift, unitBuffers) : read;
  // The raster is vectorised before the next unit's detection, so its buffers can be reused.
  const raster = detectWindow(before, after, pair.roles, model, { pixelSizeM: pixelSizeM(pair.grid), reuse: true });
  return { pieces: windowPieces(raster, { core: win.core, outer }), maskedPixels: read.masked ? countInCore(read.masked, outer, win.core) : 0 };
}

const unitBuffers = createWorkBuffers();

function countInCore(flags: Uint8Array, outer: PixelWindow, core: PixelWindow): number {
  let n = 0;
  for (let r = core.y - outer.y; r < core.y - outer.y + core.height; r++) {
    const row = r * outer.width + (core.x - outer.x);
    for (let i = row; i < row + core.width; i++) n += flags[i];
  }
  return n;
}
