import { detectWindow } from '../../geo/detect/detect-window.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { cellSums, type CellSums } from '../../geo/raster/cell-sums.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { ImagePair } from '../../geo/raster/open-pair.ts';
import type { BandRoles, HaloWindow, PixelWindow } from '../../geo/types.ts';
import { windowPieces, type PatchPiece } from '../../geo/vector/window-pieces.ts';
import { coregister, readExtent } from './coregister.ts';
import { createWorkBuffers } from '../../geo/raster/work-buffers.ts';

export interface UnitResult {
  pieces: PatchPiece[];
  /** Pixels of the unit's core that a cloud mask made invalid (each scene pixel is in one core). */
  maskedPixels: number;
  /** The later date's core in true colour (grey without RGB), coarse, for the run's overview map (null: not asked for). */
  picture: CellSums | null;
}

/**
 * Second pass, one work unit: reads the unit's outer window of both dates (co-registered when the
 * model has a shift), detects, vectorises its core. `pictureCell`: the cell size in pixels of the
 * picture to make (pictureCell over the run's extent); none without it.
 */
export async function detectUnit(pair: ImagePair, win: HaloWindow, model: SceneModel, signal?: AbortSignal, pictureCell?: number): Promise<UnitResult> {
  // A shifted date is read with a margin, and the unit detected over it: the margin lies beyond the
  // halo, so the core is the same, and nothing is copied back to the outer window.
  const outer = model.shift ? readExtent(win.outer, pair.grid.width, pair.grid.height) : win.outer;
  const read = await pair.readWindow(outer, signal);
  const { before, after } = model.shift ? coregister(read, model.shift, unitBuffers) : read;
  const picture = pictureCell === undefined ? null : cellSums(after, outer, win.core, pictureBands(pair.roles), pictureCell);
  // The raster is vectorised before the next unit's detection, so its buffers can be reused.
  const raster = detectWindow(before, after, pair.roles, model, { pixelSizeM: pixelSizeM(pair.grid), reuse: true });
  return { pieces: windowPieces(raster, { core: win.core, outer }), maskedPixels: read.masked ? countInCore(read.masked, outer, win.core) : 0, picture };
}

/** Red, green, blue; the first band as grey when the roles lack one of them. */
function pictureBands({ red, green, blue }: BandRoles): [number, number, number] {
  return red !== undefined && green !== undefined && blue !== undefined ? [red, green, blue] : [0, 0, 0];
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
