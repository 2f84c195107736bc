import { detectWindow } from '../../geo/detect/detect-window.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { HaloWindow, PixelWindow } from '../../geo/types.ts';
import { windowPieces, type PatchPiece } from '../../geo/vector/window-pieces.ts';
import { coregister, COREGISTER_MARGIN, readExtent } from './coregister.ts';
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
  const { before, after, masked } = await readUnit(pair, win.outer, model, signal);
  // The raster is vectorised before the next unit's detection, so its buffers can be reused.
  const raster = detectWindow(before, after, pair.roles, model, { pixelSizeM: pixelSizeM(pair.grid), reuse: true });
  return { pieces: windowPieces(raster, win), maskedPixels: masked ? countInCore(masked, win.outer, win.core) : 0 };
}

async function readUnit(pair: ImagePair, outer: PixelWindow, model: SceneModel, signal?: AbortSignal) {
  if (!model.shift) return pair.readWindow(outer, signal);
  const read = await pair.readWindow(readExtent(outer), signal);
  const m = COREGISTER_MARGIN;
  const masked = read.masked && cropFlags(read.masked, outer.width + 2 * m, outer.width, outer.height, m);
  // The unit is detected and vectorised before this thread reads the next one.
  return { ...coregister(read, model.shift, unitBuffers), masked };
}

const unitBuffers = createWorkBuffers();

function cropFlags(flags: Uint8Array, fromWidth: number, w: number, h: number, m: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(flags.subarray((y + m) * fromWidth + m, (y + m) * fromWidth + m + w), y * w);
  return out;
}

function countInCore(flags: Uint8Array, outer: PixelWindow, core: PixelWindow): number {
  let n = 0;
  for (let r = core.y - outer.y; r < core.y - outer.y + core.height; r++) {
    const row = r * outer.width + (core.x - outer.x);
    for (let i = row; i < row + core.width; i++) n += flags[i];
  }
  return n;
}
